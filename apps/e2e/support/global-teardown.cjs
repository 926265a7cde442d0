const { connect } = require('amqplib');
const { MongoClient } = require('mongodb');

module.exports = async function globalTeardown() {
  const state = globalThis.__E2E__;
  if (state) {
    await Promise.all(
      state.children.map(
        ({ child }) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', resolve);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    const { env } = state;
    const connection = await connect(env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
    const channel = await connection.createChannel();
    for (const service of ['users', 'segments', 'experiences', 'integrations', 'dead']) {
      await channel.deleteQueue(`${env.BUS_PREFIX}.${service}`);
    }
    await channel.deleteExchange(`${env.BUS_PREFIX}.bus`);
    await channel.deleteExchange(`${env.BUS_PREFIX}.dead`);
    await connection.close();
    const client = new MongoClient(env.MONGODB_URI);
    await client.connect();
    await client.db(env.MONGODB_DB).dropDatabase();
    await client.close();
  }
  await require('../../../tools/jest/global-teardown.cjs')();
};
