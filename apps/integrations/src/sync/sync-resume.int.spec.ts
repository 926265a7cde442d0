import type { INestApplicationContext } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { NestFactory } from '@nestjs/core';
import {
  dropDatabase,
  FakeHubSpot,
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

// A worker shut down mid-run (what SIGTERM does) puts the run back; a new worker
// resumes it from its checkpoint and finishes it. No run is left running.
jest.setTimeout(30_000);

describe('sync resume after a worker shutdown', () => {
  let users: ServiceProcess | undefined;
  const config = integrationsEnvSchema.parse({
    ...testConfig(),
    SYNC_BACKOFF_MS: '200',
    SYNC_ATTEMPTS: '3',
  });
  const workspaceId = 'ws_resumetest1';
  const contactCount = 500; // 5 pages of 100
  const matched = [0, 50, 150, 250, 350, 450, 499];
  // Slow contacts pages, so a run can be caught mid-way.
  const hubspot = Object.assign(new FakeHubSpot(), { contactsPageDelayMs: 300 });
  let api: INestApplicationContext;
  let firstWorker: INestApplicationContext | undefined;
  let secondWorker: INestApplicationContext | undefined;
  let db: Connection;

  const profiles = () => db.collection<StoredProfile>(PROFILES_COLLECTION);
  const runs = () =>
    api.get(ListRunsUseCase).execute({ workspaceId, provider: 'hubspot', limit: 10 });
  const findRun = async (runId: string): Promise<RunView | undefined> =>
    (await runs()).find((r) => r.id === runId);
  const startWorker = async () => {
    const worker = await NestFactory.createApplicationContext(WorkerModule.register(config), {
      logger: false,
    });
    await worker.init();
    return worker;
  };

  beforeAll(async () => {
    // The users service writes the pages (the only writer of profiles).
    users = await startUsersService(config);
    await hubspot.start();
    api = await NestFactory.createApplicationContext(AppModule.register(config), { logger: false });
    await api.init();
    db = api.get<Connection>(getConnectionToken());
    const start = Date.now() - 3_600_000;
    for (let i = 0; i < contactCount; i += 1) {
      hubspot.addContact(
        { email: `person${i}@example.com`, firstname: `Person${i}`, num_employees: i },
        new Date(start + i),
      );
    }
    await profiles().insertMany(
      matched.map((i) => ({
        _id: profileKey(workspaceId, `u${i}`),
        workspaceId,
        userId: `u${i}`,
        email: `person${i}@example.com`,
        createdAt: new Date(),
        lastActivityAt: new Date(),
        sessions: 1,
        tags: [],
        custom: {},
        experiences: { seen: [], completed: [], answers: [] },
      })),
    );
    await api.get(PutConnectionUseCase).execute({
      workspaceId,
      provider: 'hubspot',
      input: { accessToken: hubspot.accessToken, apiBaseUrl: hubspot.url },
    });
  }, 200_000);

  afterAll(async () => {
    await users?.stop();
    await firstWorker?.close();
    await secondWorker?.close();
    await api?.close();
    await hubspot.stop();
    await dropDatabase(config);
  });

  it('resumes an interrupted run in a new worker and finishes it', async () => {
    firstWorker = await startWorker();
    const { runId } = await api
      .get(RequestSyncUseCase)
      .execute({ workspaceId, provider: 'hubspot', trigger: 'manual' });

    const midway = await waitFor(
      async () => {
        const run = await findRun(runId);
        return run?.status === 'running' && run.stats.fetched > 0 ? run : undefined;
      },
      { timeoutMs: 10_000, what: `run ${runId} to be running with progress` },
    );
    expect(midway.stats.fetched).toBeLessThan(contactCount);

    // What SIGTERM does: the worker stops at a page boundary and puts the run back.
    await firstWorker.close();
    firstWorker = undefined;
    const interrupted = await findRun(runId);
    // Put back: queued (not left running) until a worker takes it again.
    expect(interrupted?.status).toBe('queued');
    expect(interrupted?.stats.fetched).toBeLessThan(contactCount);
    const pagesBefore = hubspot.requests.filter(
      (r) => r.path === '/crm/v3/objects/contacts',
    ).length;

    secondWorker = await startWorker();
    const done = await waitFor(
      async () => {
        const run = await findRun(runId);
        return run && (run.status === 'succeeded' || run.status === 'failed') ? run : undefined;
      },
      { timeoutMs: 20_000, what: `run ${runId} to finish in the new worker` },
    );

    expect(done.status).toBe('succeeded');
    expect(done.stats.fetched).toBe(contactCount);
    expect(done.stats).toMatchObject({ created: matched.length });
    // Resumed from the checkpoint: the new worker did not page everything again.
    const pagesAfter = hubspot.requests.filter((r) => r.path === '/crm/v3/objects/contacts').length;
    expect(pagesAfter - pagesBefore).toBeLessThan(contactCount / 100);

    for (const i of matched) {
      const profile = await profiles().findOne({ workspaceId, userId: `u${i}` });
      expect(profile?.custom.hubspot).toMatchObject({
        email: `person${i}@example.com`,
        firstname: `Person${i}`,
        num_employees: i,
      });
    }
    const all = await runs();
    expect(all.filter((r) => r.status === 'running' || r.status === 'queued')).toEqual([]);
  });
});
