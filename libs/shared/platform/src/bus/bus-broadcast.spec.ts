import { ClientRMQ } from '@nestjs/microservices';
import { randomBytes } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import type { UserUpdatedEvent } from '@seg/contracts';
import { baseEnvSchema, loadConfig } from '../config/load-config';
import { deleteBusTopology } from './bus-admin';
import { BusBroadcast } from './bus-broadcast';
import { BusClient } from './bus-client';
import { busNames } from './bus-topology';

// Against the real RabbitMQ: cache invalidations reach every instance, unlike service
// queues where instances compete for each event.
const config = loadConfig(baseEnvSchema, {
  NODE_ENV: 'test',
  BUS_PREFIX: `t_${randomBytes(5).toString('hex')}`,
  BUS_QUEUE_EXPIRES_MS: '60000',
});

async function until(probe: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('BusBroadcast', () => {
  const instances = [new BusBroadcast(config), new BusBroadcast(config)];
  const received: UserUpdatedEvent[][] = [[], []];
  const client = new BusClient(config);

  beforeAll(async () => {
    instances.forEach((instance, index) =>
      instance.on('user.updated', (event) => received[index].push(event)),
    );
    await Promise.all(instances.map((instance) => instance.start()));
    await client.connect();
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.onApplicationShutdown()));
    await client.onApplicationShutdown();
    await deleteBusTopology(config, []);
  });

  it('delivers each event to every instance, validated', async () => {
    const event: UserUpdatedEvent = {
      workspaceId: 'ws_abcdefgh12',
      userId: 'u-1',
      changes: ['attributes'],
      at: new Date().toISOString(),
    };
    await client.emit('user.updated', event);
    await until(() => received.every((list) => list.length === 1), 'both instances');
    expect(received).toEqual([[event], [event]]);
  });

  it('ignores events that do not match their contract, and keeps listening', async () => {
    const raw = new ClientRMQ({
      urls: [config.RABBITMQ_URL],
      exchange: busNames(config.BUS_PREFIX).exchange,
      exchangeType: 'topic',
      wildcards: true,
    });
    try {
      await firstValueFrom(raw.emit('user.updated', { workspaceId: { $gt: '' } }), {
        defaultValue: undefined,
      });
    } finally {
      await raw.close();
    }
    const next: UserUpdatedEvent = {
      workspaceId: 'ws_abcdefgh12',
      userId: 'u-2',
      changes: ['tags'],
      at: new Date().toISOString(),
    };
    await client.emit('user.updated', next);
    await until(() => received.every((list) => list.length === 2), 'the next valid event');
    expect(received.map((list) => list[1])).toEqual([next, next]);
  });
});
