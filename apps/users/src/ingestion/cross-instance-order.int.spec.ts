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
import { partitionOf } from './partitions/inbox-partitions';
import { type ActivityMessage, foldMessages } from './profile-fold';

// Two real users-service processes (apps/users/src/main.ts, child processes) share the
// bus queue, so one user's burst is accepted half by each. Each message starts a session
// (31 minutes after the previous one) and overwrites traits: any message applied out of
// arrival order, twice, or lost changes sessions, last activity or the merged traits.
jest.setTimeout(240_000);

describe('one user across two users-service instances', () => {
  const config = usersEnvSchema.parse(testConfig({ BUS_REQUEST_TIMEOUT_MS: '20000' }));
  const workspaceId = 'ws_crossorder1';
  const bus = new BusClient(config);
  let mongo: MongoClient;
  const services: ServiceProcess[] = [];
  const MESSAGES = 200;
  const PER_REQUEST = 2;
  const base = Date.parse('2026-03-01T00:00:00.000Z');
  const GAP_MS = 31 * 60 * 1000;

  const message = (n: number, userId = 'u_burst') => {
    const timestamp = new Date(base + n * GAP_MS).toISOString();
    if (n % 4 === 3) {
      return {
        type: 'track' as const,
        userId,
        messageId: `${userId}-${n}`,
        timestamp,
        event: 'Step',
        properties: { n },
      };
    }
    return {
      type: 'identify' as const,
      userId,
      messageId: `${userId}-${n}`,
      timestamp,
      traits: {
        step: n,
        plan: `p${n}`,
        [`slot${n % 5}`]: n,
        ...(n % 10 === 0 ? { name: `Name ${n}` } : {}),
      },
    };
  };

  /** `users.messages.accept` requests this instance answered, from its /metrics. */
  const acceptsHandled = async (service: ServiceProcess) => {
    const text = await (await fetch(`http://127.0.0.1:${service.port}/metrics`)).text();
    const line = text
      .split('\n')
      .find(
        (row) =>
          row.startsWith('bus_handle_duration_seconds_count{') &&
          row.includes('pattern="users.messages.accept"') &&
          row.includes('outcome="ok"'),
      );
    return Number(line?.split(' ').pop() ?? 0);
  };

  beforeAll(async () => {
    mongo = await MongoClient.connect(config.MONGODB_URI);
    const [a, b] = await Promise.all([
      startUsersService(config, 'users-order-a'),
      startUsersService(config, 'users-order-b'),
    ]);
    services.push(a, b);
    await bus.connect();
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await bus.onApplicationShutdown();
    await mongo?.close();
    await deleteBusTopology(config, ['users']);
    await dropDatabase(config);
  });

  /**
   * Sends one user's burst one request after the other (each answered before the next);
   * answers how many messages were answered as duplicates (a request the bus delivered
   * again because the instance handling it was killed).
   */
  const sendBurst = async (userId: string, beforeRequest?: (n: number) => Promise<void>) => {
    let duplicates = 0;
    for (let n = 0; n < MESSAGES; n += PER_REQUEST) {
      await beforeRequest?.(n);
      const answer = await bus.request('users.messages.accept', {
        workspaceId,
        messages: Array.from({ length: PER_REQUEST }, (_, i) => message(n + i, userId)),
      });
      expect(answer.accepted).toBe(PER_REQUEST);
      duplicates += answer.duplicates;
    }
    return duplicates;
  };

  /** The user's profile and events equal every message folded one at a time, in order. */
  const expectSequentialResult = async (userId: string) => {
    let expected = null as ReturnType<typeof foldMessages>['profile'] | null;
    for (let n = 0; n < MESSAGES; n += 1) {
      const sent = message(n, userId);
      const activity: ActivityMessage = {
        messageId: sent.messageId,
        timestamp: new Date(sent.timestamp),
      };
      if (sent.type === 'identify') {
        const { name, ...traits } = sent.traits as Record<string, unknown>;
        if (name !== undefined) activity.name = String(name);
        activity.traits = Object.entries(traits).map(([path, value]) => ({
          path,
          value: value as number | string,
        }));
      }
      expected = foldMessages(workspaceId, userId, expected, [activity]).profile;
    }
    expect(expected?.sessions).toBe(MESSAGES);

    const tracks = Array.from({ length: MESSAGES }, (_, n) => n).filter((n) => n % 4 === 3);
    const events = () =>
      mongo.db(config.MONGODB_DB).collection('events').find({ workspaceId, userId }).toArray();
    await waitFor(events, {
      until: (found) => found.length >= tracks.length,
      timeoutMs: 90_000,
      what: `${userId}'s burst events`,
    });
    const last = new Date(base + (MESSAGES - 1) * GAP_MS).toISOString();
    const profile = await waitFor(() => bus.request('users.profile.get', { workspaceId, userId }), {
      until: (p) => p.lastActivityAt === last,
      timeoutMs: 90_000,
      what: `${userId}'s last message applied`,
    });
    // Give a late (out of order) write the time to land before comparing.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const final = await bus.request('users.profile.get', { workspaceId, userId });
    expect(final).toEqual(profile);
    expect({
      sessions: final.sessions,
      lastActivityAt: final.lastActivityAt,
      createdAt: final.createdAt,
      name: final.name,
      sdk: final.custom['sdk'],
    }).toEqual({
      sessions: expected?.sessions,
      lastActivityAt: expected?.lastActivityAt.toISOString(),
      createdAt: expected?.createdAt.toISOString(),
      name: expected?.name,
      sdk: expected?.custom.sdk,
    });
    const stored = (await events()).map((event) => (event['properties'] as { n: number }).n);
    expect(stored.sort((x, y) => x - y)).toEqual(tracks);
  };

  it('applies a burst accepted by both instances as if applied one message at a time', async () => {
    // A sentinel user first, so both instances have their first chunk behind them.
    await bus.request('users.messages.accept', {
      workspaceId,
      messages: [
        {
          type: 'track',
          userId: 'warm',
          messageId: 'warm-1',
          event: 'Warm',
          properties: {},
          timestamp: new Date(base).toISOString(),
        },
      ],
    });
    // The arrival order is the send order; the bus hands the requests to both in turn.
    expect(await sendBurst('u_burst')).toBe(0);
    await expectSequentialResult('u_burst');
    // Both instances accepted part of the burst.
    for (const service of services) {
      expect(await acceptsHandled(service)).toBeGreaterThanOrEqual(MESSAGES / PER_REQUEST / 4);
    }
  });

  it('keeps the order when one instance is SIGKILLed mid-burst (the other takes over)', async () => {
    // Two users of partitions of each parity: the instances share the partitions by parity
    // (two members), so the killed instance held one of them. Killed halfway: what it held
    // (partitions, a chunk applied but not committed) is taken over by the survivor once its
    // leases expire; a request it was handling is delivered again to the survivor (answered
    // as duplicates if it was stored); nothing applied twice, nothing lost, the order kept.
    const users = ['u_takeover0', 'u_takeover1', 'u_takeover2', 'u_takeover3', 'u_takeover4'];
    const even = users.find((user) => partitionOf(workspaceId, user) % 2 === 0);
    const odd = users.find((user) => partitionOf(workspaceId, user) % 2 === 1);
    if (!even || !odd) throw new Error('no user of each parity');
    await Promise.all([
      sendBurst(even, async (n) => {
        if (n === MESSAGES / 2) await services[1]?.kill();
      }),
      sendBurst(odd),
    ]);
    await expectSequentialResult(even);
    await expectSequentialResult(odd);
  });
});
