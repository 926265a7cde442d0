import type { INestApplication } from '@nestjs/common';
import { BusClient, startService } from '@seg/platform';
import { deleteBusTopology, dropDatabase, testConfig, waitFor } from '@seg/testing';
import { Queue, QueueEvents } from 'bullmq';
import { AppModule } from '../app.module';
import { usersEnvSchema } from '../config';
import { DEAD_LETTER_QUEUE, SYNC_PAGES_QUEUE } from './sync-pages.processor';

// Sync pages as the integrations workers hand them over: BullMQ jobs on the real Redis,
// written by the users service booted as main.ts boots it, on FerretDB.
jest.setTimeout(60_000);

describe('sync pages written by the users service', () => {
  const config = usersEnvSchema.parse(testConfig());
  const workspaceId = 'ws_syncpages001';
  const connection = { url: config.REDIS_URL };
  const prefix = `${config.BUS_PREFIX}:bull`;
  let app: INestApplication;
  const bus = new BusClient(config);
  const pages = new Queue(SYNC_PAGES_QUEUE, { connection, prefix });
  const deadLetters = new Queue(DEAD_LETTER_QUEUE, { connection, prefix });
  const events = new QueueEvents(SYNC_PAGES_QUEUE, { connection, prefix });

  const page = (seq: number, records: unknown[], extra: Record<string, unknown> = {}) => ({
    workspaceId,
    provider: 'hubspot',
    runId: 'run_1',
    seq,
    kind: 'records',
    types: { score: 'number' },
    records,
    ...extra,
  });
  const identify = async (userId: string, traits: Record<string, unknown>) => {
    await bus.request('users.messages.accept', {
      workspaceId,
      messages: [
        {
          type: 'identify',
          userId,
          messageId: `m-${userId}-${Object.keys(traits).join('-')}`,
          timestamp: new Date().toISOString(),
          traits,
        },
      ],
    });
  };
  const profile = (userId: string) => bus.request('users.profile.get', { workspaceId, userId });

  beforeAll(async () => {
    app = await startService({
      service: 'users',
      config,
      rootModule: AppModule.register(config),
      httpPort: 0,
    });
    await bus.connect();
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events.close();
    await pages.close();
    await deadLetters.close();
    await bus.onApplicationShutdown();
    await app?.close();
    await deleteBusTopology(config, ['users']);
    await dropDatabase(config);
  });

  it('counts a malformed record as failed, writes the others, keeps the unmatched', async () => {
    await identify('sp-u1', { email: 'Ann@Example.com' });
    await waitFor(() => profile('sp-u1'), { timeoutMs: 15_000, what: 'sp-u1' });
    const job = await pages.add(
      'write',
      page(0, [
        { externalId: '1', email: 'ann@example.com', attributes: { score: '42', tier: 'gold' } },
        { externalId: '2', attributes: 'not an object' },
        { externalId: '3', email: 'nobody@example.com', attributes: { score: '7' } },
        { externalId: '4', email: 'ann2@example.com', attributes: { score: 'many' } },
      ]),
    );
    const outcome = await job.waitUntilFinished(events, 30_000);
    // Record 2 is malformed; record 4's score cannot be a number (and it is unmatched).
    expect(outcome).toEqual({
      stats: { fetched: 0, created: 1, updated: 0, skipped: 0, failed: 2, unmatched: 2 },
    });
    expect(await profile('sp-u1')).toMatchObject({
      custom: { hubspot: { score: 42, tier: 'gold' } },
    });
    // The catalog's last write of each attribute the page gave a value (stored within 2 s).
    const catalog = await waitFor(
      async () => (await bus.request('users.attributes.list', { workspaceId })).items,
      {
        until: (items) =>
          ['score', 'tier'].every(
            (key) => items.find((i) => i.source === 'hubspot' && i.key === key)?.lastWrittenAt,
          ),
        timeoutMs: 10_000,
        intervalMs: 200,
        what: "the page's lastWrittenAt",
      },
    );
    const tier = catalog.find((item) => item.source === 'hubspot' && item.key === 'tier');
    expect(Date.now() - new Date(tier?.lastWrittenAt ?? 0).getTime()).toBeLessThan(30_000);
  });

  it('applies a kept record as soon as a user with its email is identified', async () => {
    await identify('sp-u2', { email: 'NOBODY@example.com' });
    const found = await waitFor(() => profile('sp-u2'), {
      until: (p) => (p.custom['hubspot'] as { score?: number } | undefined)?.score === 7,
      timeoutMs: 2_000,
      intervalMs: 50,
      what: 'the kept record applied to sp-u2',
    });
    expect(found.custom).toMatchObject({ hubspot: { score: 7 } });
  });

  it('sends a poisoned page to the dead-letter queue with its reason, without retrying it', async () => {
    const job = await pages.add('write', { workspaceId, provider: 'nowhere', records: 3 });
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/Invalid sync page/);
    const failed = await pages.getJob(job.id as string);
    expect(failed?.attemptsMade).toBe(1);
    const dead = await waitFor(async () => (await deadLetters.getJobs(['waiting'])).at(0), {
      timeoutMs: 5_000,
      what: 'the dead letter',
    });
    expect(dead.data).toMatchObject({
      queue: SYNC_PAGES_QUEUE,
      jobId: job.id,
      reason: expect.stringMatching(/provider/),
      data: { provider: 'nowhere' },
    });
  });
});
