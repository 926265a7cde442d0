import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import type { RunView } from '@seg/contracts';
import { PROFILES_COLLECTION, profileKey, type StoredProfile } from '@seg/profile-store';
import {
  dropDatabase,
  FakeHubSpot,
  testConfig,
  waitFor,
  startUsersService,
  type ServiceProcess,
} from '@seg/testing';
import type { Connection } from 'mongoose';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppModule } from '../app.module';
import { integrationsEnvSchema } from '../config';
import { PutConnectionUseCase } from '../connections/usecases/put-connection/put-connection.usecase';
import { ListRunsUseCase } from '../runs/usecases/list-runs/list-runs.usecase';
import { RequestSyncUseCase } from '../runs/usecases/request-sync/request-sync.usecase';

const ROOT = path.resolve(__dirname, '../../../..');
/** BullMQ lock of the workers here: a killed worker's job is taken back after ~1 s. */
const LOCK_MS = '1000';

// A worker process killed with SIGKILL mid-run (no shutdown hook runs): BullMQ's
// stalled-job check hands the job to another worker once the lock expires, which
// resumes the run from its checkpoint; a job that stalls too often fails its run.
// The workers are the real entry point (src/worker.ts) as child processes.
jest.setTimeout(90_000);

describe('sync after a worker is killed (SIGKILL)', () => {
  let users: ServiceProcess | undefined;
  const config = integrationsEnvSchema.parse({
    ...testConfig(),
    SYNC_BACKOFF_MS: '200',
    SYNC_ATTEMPTS: '3',
    SYNC_LOCK_DURATION_MS: LOCK_MS,
  });
  const contactCount = 600; // 6 pages of 100
  const matched = [0, 99, 100, 250, 420, 599];
  // Slow contacts pages, so a run can be caught mid-way.
  const hubspot = Object.assign(new FakeHubSpot(), { contactsPageDelayMs: 250 });
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'sync-crash-'));
  const workers: ChildProcess[] = [];
  let api: INestApplicationContext;
  let db: Connection;

  const profiles = () => db.collection<StoredProfile>(PROFILES_COLLECTION);
  const findRun = async (workspaceId: string, runId: string): Promise<RunView | undefined> =>
    (await api.get(ListRunsUseCase).execute({ workspaceId, provider: 'hubspot', limit: 10 })).find(
      (r) => r.id === runId,
    );
  const contactPages = () =>
    hubspot.requests.filter((r) => r.path === '/crm/v3/objects/contacts').length;

  /** `node -r @swc-node/register apps/integrations/src/worker.ts`, with this suite's config. */
  const startWorker = (name: string): ChildProcess => {
    const env: NodeJS.ProcessEnv = { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' };
    for (const [key, value] of Object.entries(config)) {
      if (value !== undefined) env[key] = String(value);
    }
    env['LOG_LEVEL'] = 'warn';
    env['SYNC_LOCK_DURATION_MS'] = LOCK_MS;
    // Its /health on a free port: two workers run at once here.
    env['HEALTH_PORT'] = '0';
    const out = openSync(path.join(logDir, `${name}.log`), 'a');
    const child = spawn(
      path.join(ROOT, 'node_modules/.bin/node'),
      ['-r', '@swc-node/register', path.join(ROOT, 'apps/integrations/src/worker.ts')],
      { cwd: ROOT, env, stdio: ['ignore', out, out] },
    );
    workers.push(child);
    return child;
  };
  const kill = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  const logs = (name: string) => readFileSync(path.join(logDir, `${name}.log`), 'utf8');

  /** A workspace with its users, its HubSpot connection and a run caught mid-way. */
  const runningMidway = async (workspaceId: string, worker: string) => {
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
    const { runId } = await api
      .get(RequestSyncUseCase)
      .execute({ workspaceId, provider: 'hubspot', trigger: 'manual' });
    const midway = await waitFor(
      async () => {
        const run = await findRun(workspaceId, runId);
        return run?.status === 'running' && run.stats.fetched > 0 ? run : undefined;
      },
      { timeoutMs: 40_000, what: `run ${runId} to be running with progress (${worker})` },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${worker} log:\n${logs(worker)}`);
    });
    expect(midway.stats.fetched).toBeLessThan(contactCount);
    return runId;
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
  }, 200_000);

  afterEach(async () => {
    for (const child of workers.splice(0)) await kill(child);
  });

  afterAll(async () => {
    await users?.stop();
    await api?.close();
    await hubspot.stop();
    await dropDatabase(config);
    rmSync(logDir, { recursive: true, force: true });
  });

  it('a new worker resumes the run of a killed one from its checkpoint and finishes it', async () => {
    const workspaceId = 'ws_crashresume1';
    const first = startWorker('first');
    const runId = await runningMidway(workspaceId, 'first');

    await kill(first);
    // Nothing ran on the way out: the run is still marked running.
    const orphaned = await findRun(workspaceId, runId);
    expect(orphaned?.status).toBe('running');
    const pagesBefore = contactPages();

    startWorker('second');
    const done = await waitFor(
      async () => {
        const run = await findRun(workspaceId, runId);
        return run && (run.status === 'succeeded' || run.status === 'failed') ? run : undefined;
      },
      { timeoutMs: 40_000, what: `run ${runId} to finish in the second worker` },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nsecond log:\n${logs('second')}`);
    });

    expect(done.status).toBe('succeeded');
    expect(done.stats.fetched).toBe(contactCount);
    // The users service may finish writing the page the killed worker was waiting for
    // (its checkpoint not saved): resumed, that page is sent again and its users are then
    // unchanged (skipped), never written twice in a way that shows.
    expect(done.stats.created).toBeLessThanOrEqual(matched.length);
    expect(done.stats.created + done.stats.skipped).toBeGreaterThanOrEqual(matched.length);
    // Resumed from the checkpoint: the second worker did not page everything again.
    expect(contactPages() - pagesBefore).toBeLessThan(contactCount / 100);
    for (const i of matched) {
      const profile = await profiles().findOne({ workspaceId, userId: `u${i}` });
      expect(profile?.custom.hubspot).toMatchObject({
        email: `person${i}@example.com`,
        firstname: `Person${i}`,
        num_employees: i,
      });
    }
    const runs = await api
      .get(ListRunsUseCase)
      .execute({ workspaceId, provider: 'hubspot', limit: 10 });
    expect(runs.filter((r) => r.status === 'running' || r.status === 'queued')).toEqual([]);
  });

  it('a run whose worker is killed again and again ends failed, not running for ever', async () => {
    const workspaceId = 'ws_crashagain1';
    // Slower pages: the run must still be going when the second worker is killed too.
    hubspot.contactsPageDelayMs = 700;
    const first = startWorker('again-1');
    const runId = await runningMidway(workspaceId, 'again-1');
    await kill(first);

    // The job is taken back once (BullMQ maxStalledCount 1); killed again, it stalls twice.
    const second = startWorker('again-2');
    await waitFor(
      async () => {
        const run = await findRun(workspaceId, runId);
        return run && run.attempts >= 2 && run.status === 'running' ? run : undefined;
      },
      { timeoutMs: 40_000, what: `run ${runId} to be taken by the second worker` },
    );
    await kill(second);

    startWorker('again-3');
    const ended = await waitFor(
      async () => {
        const run = await findRun(workspaceId, runId);
        return run && run.status !== 'running' && run.status !== 'queued' ? run : undefined;
      },
      { timeoutMs: 40_000, what: `run ${runId} to end after two crashes` },
    );
    expect(ended.status).toBe('failed');
    expect(ended.error).toMatch(/stalled/);
  });
});
