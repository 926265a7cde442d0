import { ClientRMQ } from '@nestjs/microservices';
import { randomBytes } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import type { UserUpdatedEvent } from '@seg/contracts';
import { baseEnvSchema, loadConfig } from '../config/load-config';
import { deleteBusTopology } from './bus-admin';
import { BusBroadcast } from './bus-broadcast';
import { BusClient } from './bus-client';
import { busNames } from './bus-topology';
import { Inbox } from '../testing/inbox';

// Against the real RabbitMQ: cache invalidations reach every instance, unlike service
// queues where instances compete for each event.
const config = loadConfig(baseEnvSchema, {
  NODE_ENV: 'test',
  BUS_PREFIX: `t_${randomBytes(5).toString('hex')}`,
  BUS_QUEUE_EXPIRES_MS: '60000',
});

describe('BusBroadcast', () => {
  const instances = [new BusBroadcast(config), new BusBroadcast(config)];
  const received = [new Inbox<UserUpdatedEvent>(), new Inbox<UserUpdatedEvent>()];
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
    await Promise.all(
      received.map((inbox, index) =>
        inbox.next((item) => item.userId === 'u-1', `instance ${index}`),
      ),
    );
    expect(received.map((inbox) => inbox.items)).toEqual([[event], [event]]);
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
    await Promise.all(
      received.map((inbox, index) =>
        inbox.next((item) => item.userId === 'u-2', `the next valid event in instance ${index}`),
      ),
    );
    // The invalid event reached no listener; the valid one, sent after it, reached both.
    expect(received.map((inbox) => inbox.items)).toEqual([
      [expect.objectContaining({ userId: 'u-1' }), next],
      [expect.objectContaining({ userId: 'u-1' }), next],
    ]);
  });
});
