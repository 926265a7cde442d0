import type { INestApplication } from '@nestjs/common';
import { BusClient, startService } from '@seg/platform';
import { deleteBusTopology, dropDatabase, testConfig, waitFor } from '@seg/testing';
import { AppModule } from './app.module';
import { usersEnvSchema } from './config';

// The users service booted by the same startService as main.ts (its bus consumer on the
// real RabbitMQ, FerretDB behind it), driven through the bus like the gateway drives it.
jest.setTimeout(30_000);

describe('users service', () => {
  const config = usersEnvSchema.parse(testConfig());
  const workspaceId = 'ws_userssvc0001';
  let app: INestApplication;
  let url: string;
  const bus = new BusClient(config);

  beforeAll(async () => {
    app = await startService({
      service: 'users',
      config,
      rootModule: AppModule.register(config),
      httpPort: 0,
    });
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await bus.connect();
  });

  afterAll(async () => {
    await bus.onApplicationShutdown();
    await app?.close();
    await deleteBusTopology(config, ['users']);
    await dropDatabase(config);
  });

  it('answers its health check with the database up', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'up', checks: { mongodb: 'up' } });
  });

  it('applies an accepted identify to the profile, asynchronously', async () => {
    const accepted = await bus.request('users.messages.accept', {
      workspaceId,
      messages: [
        {
          type: 'identify',
          userId: 'svc-u1',
          messageId: 'svc-m1',
          timestamp: '2026-04-01T10:00:00.000Z',
          traits: { plan: 'pro' },
        },
      ],
    });
    expect(accepted).toEqual({ accepted: 1, duplicates: 0 });
    const profile = await waitFor(
      () => bus.request('users.profile.get', { workspaceId, userId: 'svc-u1' }),
      { timeoutMs: 15_000, what: 'the profile of svc-u1' },
    );
    expect(profile).toMatchObject({ userId: 'svc-u1', custom: { sdk: { plan: 'pro' } } });
  });

  it('accepts the same messageId once', async () => {
    const message = {
      type: 'track' as const,
      userId: 'svc-u2',
      messageId: 'svc-m2',
      timestamp: '2026-04-01T10:00:00.000Z',
      event: 'Clicked',
      properties: {},
    };
    await bus.request('users.messages.accept', { workspaceId, messages: [message] });
    await expect(
      bus.request('users.messages.accept', { workspaceId, messages: [message] }),
    ).resolves.toEqual({ accepted: 1, duplicates: 1 });
  });
});
