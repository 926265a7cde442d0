import type { INestApplicationContext } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { NestFactory } from '@nestjs/core';
import {
  dropDatabase,
  FakeHubSpot,
  type FakeReply,
  testConfig,
  waitFor,
  startUsersService,
  type ServiceProcess,
} from '@seg/testing';
import type { ProfilesSyncedEvent, RunView } from '@seg/contracts';
import { BusBroadcast } from '@seg/platform';
import { PROFILES_COLLECTION, profileKey, type StoredProfile } from '@seg/profile-store';
import type { Connection } from 'mongoose';
import { AppModule } from '../app.module';
import { integrationsEnvSchema } from '../config';
import { PutConnectionUseCase } from '../connections/usecases/put-connection/put-connection.usecase';
import { ListRunsUseCase } from '../runs/usecases/list-runs/list-runs.usecase';
import { RequestSyncUseCase } from '../runs/usecases/request-sync/request-sync.usecase';
import { WorkerModule } from '../worker.module';

// Full HubSpot syncs through the real worker, BullMQ on Redis and FerretDB,
// against a local fake speaking HubSpot's API.
jest.setTimeout(30_000);

describe('HubSpot sync (worker + fake HubSpot)', () => {
  let users: ServiceProcess | undefined;
  const config = integrationsEnvSchema.parse({
    ...testConfig(),
    SYNC_BACKOFF_MS: '200',
    SYNC_ATTEMPTS: '3',
    // A page held longer than this is a timeout (the fault tests hold one for 4 s).
    VENDOR_TIMEOUT_MS: '1500',
  });
  const workspaceId = 'ws_hubspottest1';
  const hubspot = new FakeHubSpot();
  let api: INestApplicationContext;
  let worker: INestApplicationContext;
  let db: Connection;
  // What caches of profiles hear: one announcement per page that wrote something.
  const listener = new BusBroadcast(config);
  const announced: ProfilesSyncedEvent[] = [];

  const profiles = () => db.collection<StoredProfile>(PROFILES_COLLECTION);
  const runs = () =>
    api.get(ListRunsUseCase).execute({ workspaceId, provider: 'hubspot', limit: 10 });
  async function syncToEnd(): Promise<RunView> {
    const { runId } = await api
      .get(RequestSyncUseCase)
      .execute({ workspaceId, provider: 'hubspot', trigger: 'manual' });
    return waitFor(
      async () => {
        const run = (await runs()).find((r) => r.id === runId);
        return run && (run.status === 'succeeded' || run.status === 'failed') ? run : undefined;
      },
      { timeoutMs: 20_000, what: `run ${runId} to finish` },
    );
  }
  async function connect(token = hubspot.accessToken) {
    await api.get(PutConnectionUseCase).execute({
      workspaceId,
      provider: 'hubspot',
      input: { accessToken: token, apiBaseUrl: hubspot.url },
    });
  }

  beforeAll(async () => {
    // The users service writes the pages (the only writer of profiles).
    users = await startUsersService(config);
    listener.on('profiles.synced', (event) => announced.push(event));
    await listener.start();
    await hubspot.start();
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
      { ...base, _id: profileKey(workspaceId, 'u1'), userId: 'u1', email: 'Alice@Example.com' },
      { ...base, _id: profileKey(workspaceId, 'u2'), userId: 'u2', email: 'bob@example.com' },
      { ...base, _id: profileKey(workspaceId, 'u3'), userId: 'u3', email: 'carol@example.com' },
    ]);
    const start = Date.now() - 3_600_000;
    hubspot.addContact(
      {
        email: 'alice@example.com',
        firstname: 'Alice',
        num_employees: 42,
        is_paying: true,
        tools: 'slack;notion',
        lifecyclestage: 'customer',
      },
      new Date(start),
    );
    hubspot.addContact({ email: 'BOB@example.com', num_employees: 'many' }, new Date(start + 1));
    for (let i = 0; i < 230; i += 1) {
      hubspot.addContact({ email: `lead${i}@example.com` }, new Date(start + 10 + i));
    }
  }, 200_000);

  afterAll(async () => {
    await users?.stop();
    await listener.onApplicationShutdown();
    await worker.close();
    await api.close();
    await hubspot.stop();
    await dropDatabase(config);
  });

  it('first run: pages every contact, types values by the property definitions', async () => {
    await connect();
    const run = await syncToEnd();
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(run.stats).toMatchObject({ fetched: 232, created: 2, unmatched: 230, failed: 1 });
    const alice = await profiles().findOne({ workspaceId, userId: 'u1' });
    expect(alice?.['custom']).toMatchObject({
      sdk: { plan: 'pro' },
      hubspot: {
        email: 'alice@example.com',
        firstname: 'Alice',
        num_employees: 42,
        is_paying: true,
        tools: ['slack', 'notion'],
        lifecyclestage: 'customer',
      },
    });
    expect(alice?.custom.hubspot?.['lastmodifieddate']).toBeInstanceOf(Date);
    const catalog = await db
      .collection('attribute_catalog')
      .find({ workspaceId, source: 'hubspot' })
      .toArray();
    const types = Object.fromEntries(catalog.map((entry) => [entry['key'], entry['type']]));
    expect(types).toMatchObject({ num_employees: 'number', is_paying: 'boolean', tools: 'list' });
    await waitFor(() => announced.length > 0, { what: 'profiles.synced' });
    expect(announced[0]).toMatchObject({ workspaceId, source: 'hubspot' });
  });

  it('later runs are incremental and change nothing when HubSpot did not change', async () => {
    const before = hubspot.requests.length;
    const announcedBefore = announced.length;
    const run = await syncToEnd();
    expect(run.status).toBe('succeeded');
    expect(run.stats).toMatchObject({ created: 0, updated: 0 });
    expect(announced).toHaveLength(announcedBefore); // nothing written, nothing announced
    expect(run.stats.fetched).toBeLessThan(5);
    expect(
      hubspot.requests.slice(before).some((r) => r.path === '/crm/v3/objects/contacts/search'),
    ).toBe(true);

    hubspot.updateContact('1', { lifecyclestage: 'evangelist' });
    const changed = await syncToEnd();
    expect(changed.stats).toMatchObject({ updated: 1 });
    const alice = await profiles().findOne({ workspaceId, userId: 'u1' });
    expect(alice?.custom.hubspot?.['lifecyclestage']).toBe('evangelist');
  });

  it('applies kept contacts once their user exists', async () => {
    await profiles().insertOne({
      _id: profileKey(workspaceId, 'u9'),
      workspaceId,
      userId: 'u9',
      email: 'lead7@example.com',
      createdAt: new Date(),
      lastActivityAt: new Date(),
      sessions: 1,
      tags: [],
      custom: {},
      experiences: { seen: [], completed: [], answers: [] },
    });
    await syncToEnd();
    const lead = await profiles().findOne({ workspaceId, userId: 'u9' });
    expect(lead?.custom.hubspot?.['email']).toBe('lead7@example.com');
  });

  it('waits out a 429 TEN_SECONDLY_ROLLING for its Retry-After, then asks again', async () => {
    // 3 s: above the 1 s used when no Retry-After nor window header is readable (hubspot-errors.ts).
    hubspot.forced.push({
      status: 429,
      headers: { 'retry-after': '3' },
      body: { status: 'error', policyName: 'TEN_SECONDLY_ROLLING', errorType: 'RATE_LIMIT' },
    });
    const before = hubspot.requests.length;
    const run = await syncToEnd();
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1 });
    const [refused, retried] = hubspot.requests.slice(before);
    expect(retried?.path).toBe(refused?.path);
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(2_900);
  });

  it('waits out a 429 TEN_SECONDLY_ROLLING for the window HubSpot names when there is no Retry-After', async () => {
    hubspot.forced.push({
      status: 429,
      headers: { 'x-hubspot-ratelimit-interval-milliseconds': '2500' },
      body: { status: 'error', policyName: 'TEN_SECONDLY_ROLLING', errorType: 'RATE_LIMIT' },
    });
    const before = hubspot.requests.length;
    const run = await syncToEnd();
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1 });
    const [refused, retried] = hubspot.requests.slice(before);
    expect(retried?.path).toBe(refused?.path);
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(2_400);
  });

  // Vendor faults on the second page of a run (the first is written and checkpointed): the
  // attempt fails as transient, the job is retried with backoff from the checkpoint, and every
  // changed contact ends up applied whole.
  it.each<[string, FakeReply]>([
    ['a 502', { status: 502, body: { status: 'error', message: 'Bad gateway' } }],
    ['a page that does not answer in time', { status: 200, delayMs: 4_000, body: { results: [] } }],
    ['a truncated JSON page', { status: 200, raw: '{"results":[{"id":"1","properties":{"em' }],
    ['an HTML error page sent as 200', { status: 200, raw: '<html><body>Oops</body></html>' }],
    ['a JSON page without results', { status: 200, body: { paging: {} } }],
  ])('retries after %s (second page) and applies every contact whole', async (_fault, reply) => {
    const stage = `stage-${hubspot.requests.length}`;
    const changed = ['1', ...Array.from({ length: 150 }, (_, i) => String(i + 3))];
    for (const id of changed)
      hubspot.updateContact(id, { lifecyclestage: stage, firstname: stage });
    hubspot.forcedPages.push(null, reply);
    const run = await syncToEnd();
    expect(hubspot.forcedPages).toHaveLength(0);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 2 });
    for (const userId of ['u1', 'u9']) {
      const profile = await profiles().findOne({ workspaceId, userId });
      expect(profile?.custom.hubspot).toMatchObject({ lifecyclestage: stage, firstname: stage });
    }
  });

  it('fails with the reason when every attempt meets a malformed page', async () => {
    const stage = `stage-${hubspot.requests.length}`;
    hubspot.updateContact('1', { lifecyclestage: stage });
    const malformed: FakeReply = { status: 200, raw: '{"results": [' };
    hubspot.forcedPages.push(malformed, malformed, malformed);
    const run = await syncToEnd();
    expect(run).toMatchObject({ status: 'failed', attempts: 3 });
    expect(run.error).toMatch(/HubSpot sent a response that is not valid JSON/);
    const alice = await profiles().findOne({ workspaceId, userId: 'u1' });
    expect(alice?.custom.hubspot?.['lifecyclestage']).not.toBe(stage);
    // The next run picks the change up.
    expect((await syncToEnd()).status).toBe('succeeded');
    const after = await profiles().findOne({ workspaceId, userId: 'u1' });
    expect(after?.custom.hubspot?.['lifecyclestage']).toBe(stage);
  });

  it('stops the run with a clear status on the DAILY limit', async () => {
    hubspot.dailyRemaining = 0;
    const run = await syncToEnd();
    hubspot.dailyRemaining = Number.POSITIVE_INFINITY;
    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.error).toMatch(/daily API limit/);
  });

  it('fails at once on a bad token (401), without retries', async () => {
    await connect('pat-na1-wrong-token');
    const run = await syncToEnd();
    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.error).toMatch(/HubSpot rejected the access token \(401\)/);
  });

  it('returns the active run instead of queueing a second one', async () => {
    await connect();
    const sync = api.get(RequestSyncUseCase);
    const [a, b] = await Promise.all([
      sync.execute({ workspaceId, provider: 'hubspot', trigger: 'manual' }),
      sync.execute({ workspaceId, provider: 'hubspot', trigger: 'manual' }),
    ]);
    expect(b.runId).toBe(a.runId);
    expect([a.alreadyActive, b.alreadyActive].sort()).toEqual([false, true]);
    await waitFor(
      async () => (await runs()).find((r) => r.id === a.runId && r.status === 'succeeded'),
      {
        timeoutMs: 20_000,
      },
    );
  });
});
