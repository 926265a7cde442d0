import type { INestApplicationContext } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { NestFactory } from '@nestjs/core';
import {
  dropDatabase,
  FakeCustomerIo,
  testConfig,
  waitFor,
  startUsersService,
  type ServiceProcess,
} from '@seg/testing';
import type { RunView } from '@seg/contracts';
import { PROFILES_COLLECTION, profileKey, type StoredProfile } from '@seg/profile-store';
import type { Connection } from 'mongoose';
import { AppModule } from '../app.module';
import { integrationsEnvSchema } from '../config';
import { PutConnectionUseCase } from '../connections/usecases/put-connection/put-connection.usecase';
import { ListRunsUseCase } from '../runs/usecases/list-runs/list-runs.usecase';
import { RequestSyncUseCase } from '../runs/usecases/request-sync/request-sync.usecase';
import { WorkerModule } from '../worker.module';

// Full Customer.io syncs through the real worker, BullMQ on Redis and FerretDB,
// against a local fake speaking Customer.io's App API.
jest.setTimeout(40_000);

describe('Customer.io sync (worker + fake Customer.io)', () => {
  let users: ServiceProcess | undefined;
  const config = integrationsEnvSchema.parse({
    ...testConfig(),
    SYNC_BACKOFF_MS: '200',
    SYNC_ATTEMPTS: '3',
  });
  const workspaceId = 'ws_customeriotest1';
  const cio = new FakeCustomerIo();
  let api: INestApplicationContext;
  let worker: INestApplicationContext;
  let db: Connection;

  const profiles = () => db.collection<StoredProfile>(PROFILES_COLLECTION);
  const runs = (ws = workspaceId) =>
    api.get(ListRunsUseCase).execute({ workspaceId: ws, provider: 'customerio', limit: 10 });
  async function syncToEnd(ws = workspaceId): Promise<RunView> {
    // The previous run is marked finished a moment before the connection is freed;
    // a request in between gets that run back (alreadyActive): ask again.
    const { runId } = await waitFor(
      async () => {
        const requested = await api
          .get(RequestSyncUseCase)
          .execute({ workspaceId: ws, provider: 'customerio', trigger: 'manual' });
        return requested.alreadyActive ? undefined : requested;
      },
      { timeoutMs: 5_000, what: 'a new run' },
    );
    return waitFor(
      async () => {
        const run = (await runs(ws)).find((r) => r.id === runId);
        return run && (run.status === 'succeeded' || run.status === 'failed') ? run : undefined;
      },
      { timeoutMs: 30_000, what: `run ${runId} to finish` },
    );
  }
  async function connect(key = cio.appApiKey, ws = workspaceId) {
    await api.get(PutConnectionUseCase).execute({
      workspaceId: ws,
      provider: 'customerio',
      input: { appApiKey: key, region: 'us', apiBaseUrl: cio.url },
    });
  }
  const since = (index: number) => cio.requests.slice(index);

  beforeAll(async () => {
    // The users service writes the pages (the only writer of profiles).
    users = await startUsersService(config);
    await cio.start();
    api = await NestFactory.createApplicationContext(AppModule.register(config), { logger: false });
    worker = await NestFactory.createApplicationContext(WorkerModule.register(config), {
      logger: false,
    });
    await Promise.all([api.init(), worker.init()]);
    db = api.get<Connection>(getConnectionToken());
    const base = {
      workspaceId,
      createdAt: new Date(),
      lastActivityAt: new Date(),
      sessions: 1,
      tags: [],
      custom: { sdk: { plan: 'pro' } },
      experiences: { seen: [], completed: [], answers: [] },
    };
    await profiles().insertMany([
      { ...base, _id: profileKey(workspaceId, 'u1'), userId: 'u1', email: 'alice@example.com' },
      { ...base, _id: profileKey(workspaceId, 'u2'), userId: 'u2', email: 'Bob@Example.com' },
      { ...base, _id: profileKey(workspaceId, 'u3'), userId: 'u3', email: 'carol@example.com' },
    ]);
    // u1 by id (its Customer.io email differs), Bob by email (no id in Customer.io),
    // Carol by email (a Customer.io id that is not one of our users).
    cio.addPerson('u1', 'alice@work.example', {
      plan: 'enterprise',
      seats: '12',
      trial: 'false',
      zip: '02134',
      created_at: '1700000000',
      renews_at: '2025-01-31T10:00:00Z',
    });
    cio.addPerson(null, 'bob@example.com', { plan: 'free', seats: '3', trial: 'true' });
    cio.addPerson('crm-77', 'carol@example.com', { plan: 'team', seats: 'lots' });
    for (let i = 0; i < 1_200; i += 1) {
      cio.addPerson(`lead${i}`, `lead${i}@example.com`, { seats: String(i) });
    }
  }, 200_000);

  afterAll(async () => {
    await users?.stop();
    await worker.close();
    await api.close();
    await cio.stop();
    await dropDatabase(config);
  });

  it('first run: pages people, reads attributes in bulk, matches by id then email, types values', async () => {
    await connect();
    const before = cio.requests.length;
    const run = await syncToEnd();
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1 });
    // carol's "lots" is not a number (seats was typed number by the first value).
    expect(run.stats).toMatchObject({ fetched: 1_203, created: 3, unmatched: 1_200, failed: 1 });
    const requests = since(before);
    // 1,203 people: two pages of ≤ 1,000 (the fake answers 400 above 1,000); attributes
    // 100 ids a call (10 + 3; the fake answers 400 above 100; a 429 at the window's edge
    // repeats one) plus one lookup for the person without an id.
    expect(requests.filter((r) => r.path === '/v1/customers').length).toBeGreaterThanOrEqual(2);
    const bulk = requests.filter((r) => r.path === '/v1/customers/attributes').length;
    expect(bulk).toBeGreaterThanOrEqual(13);
    expect(bulk).toBeLessThanOrEqual(16);
    // The email-only person is read one by one (a retried page may read it again).
    const gets = requests.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThanOrEqual(1);
    expect(new Set(gets.map((r) => r.path)).size).toBe(1);

    const alice = await profiles().findOne({ workspaceId, userId: 'u1' });
    expect(alice?.custom).toMatchObject({
      sdk: { plan: 'pro' },
      customerio: {
        email: 'alice@work.example',
        plan: 'enterprise',
        seats: 12,
        trial: false,
        zip: '02134',
      },
    });
    expect(alice?.custom.customerio?.['created_at']).toEqual(new Date(1_700_000_000_000));
    expect(alice?.custom.customerio?.['renews_at']).toEqual(new Date('2025-01-31T10:00:00Z'));
    expect(alice?.custom.customerio).not.toHaveProperty('id');
    expect(alice?.custom.customerio).not.toHaveProperty('cio_id');
    const bob = await profiles().findOne({ workspaceId, userId: 'u2' });
    expect(bob?.custom.customerio).toMatchObject({ plan: 'free', seats: 3, trial: true });
    const carol = await profiles().findOne({ workspaceId, userId: 'u3' });
    expect(carol?.custom.customerio).toMatchObject({ plan: 'team' });
    expect(carol?.custom.customerio).not.toHaveProperty('seats');

    const catalog = await db
      .collection('attribute_catalog')
      .find({ workspaceId, source: 'customerio' })
      .toArray();
    const types = Object.fromEntries(catalog.map((entry) => [entry['key'], entry['type']]));
    expect(types).toMatchObject({
      plan: 'string',
      seats: 'number',
      trial: 'boolean',
      zip: 'string',
      created_at: 'date',
      renews_at: 'date',
    });
  });

  it('re-running with no changes in Customer.io changes nothing', async () => {
    const snapshot = await profiles()
      .find({ workspaceId }, { sort: { _id: 1 } })
      .toArray();
    const run = await syncToEnd();
    expect(run.status).toBe('succeeded');
    // The three matched people are known unchanged: skipped without a write.
    expect(run.stats).toMatchObject({ fetched: 1_203, created: 0, updated: 0, skipped: 3 });
    expect(
      await profiles()
        .find({ workspaceId }, { sort: { _id: 1 } })
        .toArray(),
    ).toEqual(snapshot);
  });

  it('waits out a 429 for its Retry-After before asking again, and finishes the run', async () => {
    // 3 s: above the 1 s used when Retry-After is missing or unreadable (customerio-errors.ts).
    cio.forced.push({
      status: 429,
      headers: { 'retry-after': '3' },
      body: { meta: { error: 'Too many requests' } },
    });
    const before = cio.requests.length;
    const run = await syncToEnd();
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1 });
    const [refused, retried] = since(before);
    // The run's first request got the 429; the next one is the same request, asked again.
    expect(retried?.path).toBe(refused?.path);
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(2_900);
  });

  it('fails at once on a bad App API key (401), without retries', async () => {
    // A workspace of its own (re-keying while a run winds down: connection-rekey.int.spec.ts).
    await connect('cio-app-wrong-key', 'ws_customeriotest2');
    const run = await syncToEnd('ws_customeriotest2');
    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.error).toMatch(/Customer\.io rejected the App API key \(401\)/);
  });
});
