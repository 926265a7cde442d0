import { Controller, DynamicModule, INestApplication, Module } from '@nestjs/common';
import { ClientRMQ } from '@nestjs/microservices';
import { DomainError, ServiceName, WorkspaceCreatedEvent } from '@seg/contracts';
import { Test } from '@nestjs/testing';
import { connect } from 'amqplib';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { firstValueFrom } from 'rxjs';
import { AppConfigModule } from '../config/config.module';
import { baseEnvSchema, loadConfig } from '../config/load-config';
import { deleteBusTopology } from './bus-admin';
import { BusClient } from './bus-client';
import { HandleEvent, HandleRequest } from './bus-handlers';
import { busNames, busServerOptions } from './bus-topology';
import { ensureDeadLetterTopology } from './dead-letter';
import { BusModule } from './bus.module';
import { Inbox } from '../testing/inbox';

// Against the real RabbitMQ: a request/response round trip, typed errors,
// timeouts, validation on receipt, event fan-out and dead-lettering.
// (The testing library builds on this one, so this spec sets itself up.)
const config = loadConfig(baseEnvSchema, {
  NODE_ENV: 'test',
  BUS_PREFIX: `t_${randomBytes(5).toString('hex')}`,
  BUS_QUEUE_EXPIRES_MS: '60000',
  BUS_REQUEST_TIMEOUT_MS: '3000',
});

async function startConsumer(service: ServiceName, module: DynamicModule) {
  const app = (
    await Test.createTestingModule({ imports: [module] }).compile()
  ).createNestApplication({ logger: false });
  app.connectMicroservice(busServerOptions(config, service));
  await app.startAllMicroservices();
  await app.init();
  return app;
}
const received = {
  users: new Inbox<WorkspaceCreatedEvent>(),
  segments: new Inbox<WorkspaceCreatedEvent>(),
};
/** The workspace id of every event the always-failing consumer was handed. */
const failingAttempts: string[] = [];

/** Everything that reaches the dead-letter queue, as it arrives (consumed, not polled). */
async function watchDeadLetters(): Promise<{ inbox: Inbox<unknown>; close: () => Promise<void> }> {
  const connection = await connect(config.RABBITMQ_URL);
  const channel = await connection.createChannel();
  const inbox = new Inbox<unknown>();
  await channel.consume(
    busNames(config.BUS_PREFIX).deadLetterQueue,
    (message) => message && inbox.push(JSON.parse(message.content.toString())),
    { noAck: true },
  );
  return { inbox, close: () => connection.close() };
}

@Controller()
class UsersHandlers {
  @HandleRequest('users.system.ping')
  ping() {
    return { service: 'users', instance: 'test', checks: { mongodb: 'up' as const } };
  }

  @HandleEvent('workspace.created')
  onWorkspaceCreated(event: WorkspaceCreatedEvent) {
    received.users.push(event);
  }
}

@Controller()
class SegmentsHandlers {
  @HandleRequest('segments.system.ping')
  ping(): never {
    throw new DomainError('NOT_FOUND', 'No such thing', [{ path: 'id', message: 'unknown' }]);
  }

  @HandleEvent('workspace.created')
  onWorkspaceCreated(event: WorkspaceCreatedEvent) {
    received.segments.push(event);
  }
}

@Controller()
class ExperiencesHandlers {
  @HandleRequest('experiences.system.ping')
  ping(): never {
    throw new Error('secret internals');
  }

  @HandleEvent('workspace.created')
  onWorkspaceCreated(event: WorkspaceCreatedEvent) {
    failingAttempts.push(event.workspaceId);
    throw new Error('this consumer always fails');
  }
}

function moduleWith(controller: new () => object): DynamicModule {
  @Module({})
  class TestModule {}
  return {
    module: TestModule,
    imports: [AppConfigModule.forRoot(config), BusModule.forRoot()],
    controllers: [controller],
  };
}

describe('message bus over RabbitMQ', () => {
  const apps: INestApplication[] = [];
  let bus: BusClient;

  beforeAll(async () => {
    const services: Array<[ServiceName, new () => object]> = [
      ['users', UsersHandlers],
      ['segments', SegmentsHandlers],
      ['experiences', ExperiencesHandlers],
    ];
    await ensureDeadLetterTopology(config);
    for (const [service, controller] of services) {
      apps.push(await startConsumer(service, moduleWith(controller)));
    }
    bus = apps[0].get(BusClient);
    // Three Nest apps connecting to RabbitMQ: slow on a loaded machine, not a timing check.
  }, 30_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await deleteBusTopology(config, ['users', 'segments', 'experiences']);
  });

  it('answers a request from the one service that handles it', async () => {
    await expect(bus.request('users.system.ping', {})).resolves.toEqual({
      service: 'users',
      instance: 'test',
      checks: { mongodb: 'up' },
    });
  });

  it('turns a handler DomainError into the same typed error for the caller', async () => {
    const error = await bus.request('segments.system.ping', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No such thing',
      details: [{ path: 'id', message: 'unknown' }],
    });
  });

  it('hides internals of unexpected handler errors', async () => {
    const error = await bus.request('experiences.system.ping', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Internal error' });
  });

  it('fails fast with SERVICE_UNAVAILABLE when nobody answers', async () => {
    const started = Date.now();
    const error = await bus
      .request('integrations.system.ping', {}, { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('validates payloads on receipt, whoever sent them', async () => {
    const raw = new ClientRMQ({
      urls: [config.RABBITMQ_URL],
      exchange: busNames(config.BUS_PREFIX).exchange,
      exchangeType: 'topic',
      wildcards: true,
    });
    try {
      const reply = await firstValueFrom(raw.send('users.system.ping', { unexpected: '$where' }));
      expect(reply).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: 'Invalid payload for users.system.ping' },
      });
    } finally {
      await raw.close();
    }
  });

  it('fans an event out to every handling service and dead-letters what keeps failing', async () => {
    const event = {
      workspaceId: 'ws_abcdefgh12',
      name: 'Acme',
      createdAt: new Date().toISOString(),
    };
    // Emitted after the event: once it has arrived, no second copy of the event is coming.
    const sentinel = { ...event, workspaceId: 'ws_sentinel12', name: 'Sentinel' };
    const deadLetters = await watchDeadLetters();
    try {
      await bus.emit('workspace.created', event);
      await bus.emit('workspace.created', sentinel);
      const isSentinel = (item: WorkspaceCreatedEvent) => item.workspaceId === sentinel.workspaceId;
      await received.users.next(isSentinel, 'the sentinel in users');
      await received.segments.next(isSentinel, 'the sentinel in segments');
      expect(received.users.items).toEqual([event, sentinel]);
      expect(received.segments.items).toEqual([event, sentinel]);

      // The failing consumer gets each twice (first try + one redelivery), then it is kept aside.
      const deadSentinel = { pattern: 'workspace.created', data: sentinel };
      await deadLetters.inbox.next(
        (item) => isDeepStrictEqual(item, deadSentinel),
        'the failed sentinel in the dead-letter queue',
      );
      await deadLetters.inbox.next(
        (item) => isDeepStrictEqual(item, { pattern: 'workspace.created', data: event }),
        'the failed event in the dead-letter queue',
      );
      expect(deadLetters.inbox.items).toHaveLength(2);
      expect(failingAttempts.filter((id) => id === event.workspaceId)).toHaveLength(2);
      expect(failingAttempts.filter((id) => id === sentinel.workspaceId)).toHaveLength(2);
    } finally {
      await deadLetters.close();
    }
  });
});

let slowHandlerStarted: () => void = () => undefined;

@Controller()
class SlowIntegrationsHandlers {
  @HandleRequest('integrations.system.ping')
  async ping() {
    slowHandlerStarted();
    await new Promise((resolve) => setTimeout(resolve, 400));
    return { service: 'integrations', instance: 'slow', checks: {} };
  }
}

describe('graceful shutdown', () => {
  it('finishes a message in flight before the consumer closes', async () => {
    await ensureDeadLetterTopology(config);
    const slow = await startConsumer('integrations', moduleWith(SlowIntegrationsHandlers));
    const caller = await startConsumer('users', moduleWith(UsersHandlers));
    try {
      const started = new Promise<void>((resolve) => (slowHandlerStarted = resolve));
      const answer = caller.get(BusClient).request('integrations.system.ping', {});
      // Close the consumer while the handler is still working on the request.
      await started;
      const closing = slow.close();
      await expect(answer).resolves.toEqual({
        service: 'integrations',
        instance: 'slow',
        checks: {},
      });
      await closing;
    } finally {
      await caller.close();
      await deleteBusTopology(config, ['users', 'integrations']);
    }
  });
});
