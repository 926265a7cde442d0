import { BusClient } from '@seg/platform';
import {
  deleteBusTopology,
  dropDatabase,
  type ServiceProcess,
  startUsersService,
  testConfig,
  waitFor,
} from '@seg/testing';
import { MongoClient } from 'mongodb';
import { usersEnvSchema } from '../config';

// The real users service (apps/users/src/main.ts as a child process) killed with SIGKILL
// while it applies a burst: after a restart, every message it had accepted is applied,
// exactly once (one event per accepted track, counted once in the catalog).
jest.setTimeout(180_000);

describe('users service crash mid-burst (SIGKILL)', () => {
  const config = usersEnvSchema.parse(testConfig({ BUS_REQUEST_TIMEOUT_MS: '10000' }));
  const workspaceId = 'ws_crashburst01';
  const bus = new BusClient(config);
  let mongo: MongoClient;
  let service: ServiceProcess | undefined;
  const USERS = 50;
  const BATCHES = 12;
  const PER_BATCH = 250;

  const db = () => mongo.db(config.MONGODB_DB);
  const base = Date.parse('2026-05-01T00:00:00.000Z');
  const batch = (b: number) =>
    Array.from({ length: PER_BATCH }, (_, i) => {
      const n = b * PER_BATCH + i;
      return {
        type: 'track' as const,
        userId: `cr${n % USERS}`,
        messageId: `crash-${n}`,
        timestamp: new Date(base + n * 1_000).toISOString(),
        event: 'Burst',
        properties: { n },
      };
    });

  beforeAll(async () => {
    mongo = await MongoClient.connect(config.MONGODB_URI);
    service = await startUsersService(config, 'users-crash-1');
    await bus.connect();
  });

  afterAll(async () => {
    await service?.stop();
    await bus.onApplicationShutdown();
    await mongo?.close();
    await deleteBusTopology(config, ['users']);
    await dropDatabase(config);
  });

  it('applies every accepted message exactly once after a restart', async () => {
    let accepted = 0;
    const half = BATCHES / 2;
    await Promise.all(
      Array.from({ length: half }, async (_, b) => {
        const answer = await bus.request('users.messages.accept', {
          workspaceId,
          messages: batch(b),
        });
        accepted += answer.accepted - answer.duplicates;
      }),
    );
    // Killed at once: the burst it accepted is (at best) partly applied.
    await service?.kill();
    const appliedAtKill = await db().collection('events').countDocuments({ workspaceId });
    expect(appliedAtKill).toBeLessThan(accepted);

    service = await startUsersService(config, 'users-crash-2');
    for (let b = half; b < BATCHES; b += 1) {
      const answer = await bus.request('users.messages.accept', {
        workspaceId,
        messages: batch(b),
      });
      accepted += answer.accepted - answer.duplicates;
    }
    expect(accepted).toBe(BATCHES * PER_BATCH);

    const total = BATCHES * PER_BATCH;
    await waitFor(() => db().collection('events').countDocuments({ workspaceId }), {
      until: (count) => count >= total,
      timeoutMs: 90_000,
      intervalMs: 500,
      what: `${total} events`,
    });
    const events = await db()
      .collection('events')
      .find({ workspaceId }, { projection: { properties: 1 } })
      .toArray();
    const seen = events.map((event) => (event['properties'] as { n: number }).n);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toHaveLength(total);
    const catalog = await waitFor(
      () => db().collection('event_catalog').findOne({ workspaceId, name: 'Burst' }),
      { until: (entry) => entry?.['count'] === total, timeoutMs: 10_000, what: 'catalog count' },
    );
    expect(catalog?.['count']).toBe(total);
    // Every user's latest activity is its last message's timestamp.
    for (let u = 0; u < USERS; u += 1) {
      const last = total - USERS + u;
      const profile = await waitFor(
        () => bus.request('users.profile.get', { workspaceId, userId: `cr${u}` }),
        {
          until: (p) => p.lastActivityAt === new Date(base + last * 1_000).toISOString(),
          timeoutMs: 10_000,
          what: `cr${u}'s last activity`,
        },
      );
      expect(profile.lastActivityAt).toBe(new Date(base + last * 1_000).toISOString());
    }
  });
});
