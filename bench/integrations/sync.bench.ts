/**
 * Sync benchmark (issue 8, item 7): full first-run syncs through the real BullMQ worker
 * (WorkerModule) and the integrations service (AppModule) in-process, as the sync specs run
 * them, against the local fake vendors at their real rate limits:
 *
 * - HubSpot: 50,000 contacts at the free tier (100 requests / 10 s, 100 contacts a page);
 * - Customer.io: 20,000 people at 10 requests / s (1,000 ids a page, 100 ids a bulk call).
 *
 * The bound is the time the rate limit alone allows: requests needed / 10 per s. The ratio
 * wall / bound shows what the sync adds on top (goal ≤ 1.15). Peak RSS is sampled every
 * 50 ms during each run (this process also holds the fake vendor and its records).
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json npx node -r @swc-node/register bench/integrations/sync.bench.ts
 *
 * Env: BENCH_SIZE=small (5,000 contacts, 2,000 people), BENCH_CONTACTS, BENCH_PEOPLE,
 * MONGODB_URI (else a throw-away FerretDB), REDIS_URL / RABBITMQ_URL (as the specs).
 */
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import type { RunView } from '@seg/contracts';
import { PROFILES_COLLECTION, profileKey, type StoredProfile } from '@seg/profile-store';
import {
  FakeCustomerIo,
  FakeHubSpot,
  type ServiceProcess,
  startUsersService,
  testConfig,
} from '@seg/testing';
import type { Connection } from 'mongoose';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppModule } from '../../apps/integrations/src/app.module';
import { integrationsEnvSchema } from '../../apps/integrations/src/config';
import { PutConnectionUseCase } from '../../apps/integrations/src/connections/usecases/put-connection/put-connection.usecase';
import { ListRunsUseCase } from '../../apps/integrations/src/runs/usecases/list-runs/list-runs.usecase';
import { RequestSyncUseCase } from '../../apps/integrations/src/runs/usecases/request-sync/request-sync.usecase';
import { WorkerModule } from '../../apps/integrations/src/worker.module';
import { isSmallRun, reportResult } from '../harness/report-result';

const small = isSmallRun();
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? (small ? 5_000 : 50_000));
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? (small ? 2_000 : 20_000));
const HUBSPOT_WS = 'ws_benchhubspot01';
const CUSTOMERIO_WS = 'ws_benchcustomerio1';
/** Both limits come to 10 requests/s (HubSpot 100 / 10 s; Customer.io 10 / s). */
const REQUESTS_PER_S = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

interface FerretModule {
  startFerretDb: (o: {
    dataDir: string;
    log?: (m: string) => void;
  }) => Promise<{ uri: string; backend: string; stop: () => Promise<void> }>;
}

interface Measured {
  wallS: number;
  boundS: number;
  ratio: number;
  peakRssMiB: number;
  requests: number;
  run: RunView;
}

async function seedProfiles(db: Connection, workspaceId: string, count: number) {
  const profiles = db.collection<StoredProfile>(PROFILES_COLLECTION);
  const now = new Date();
  for (let from = 0; from < count; from += 5_000) {
    const batch: StoredProfile[] = [];
    for (let i = from; i < Math.min(count, from + 5_000); i += 1) {
      batch.push({
        _id: profileKey(workspaceId, `u${i}`),
        workspaceId,
        userId: `u${i}`,
        email: `user${i}@bench.example`,
        createdAt: now,
        lastActivityAt: now,
        sessions: 1,
        tags: [],
        custom: { sdk: { plan: 'pro' } },
        experiences: { seen: [], completed: [], answers: [] },
      } as StoredProfile);
    }
    await profiles.insertMany(batch, { ordered: false });
  }
}

/** Requests a sync, waits for its end and measures wall time and peak RSS meanwhile. */
async function measureRun(
  api: INestApplicationContext,
  workspaceId: string,
  provider: 'hubspot' | 'customerio',
  requestsNeeded: number,
  requestsMade: () => number,
): Promise<Measured> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const before = requestsMade();
  const started = performance.now();
  try {
    const { runId } = await api
      .get(RequestSyncUseCase)
      .execute({ workspaceId, provider, trigger: 'manual' });
    // 10x the bound: a slow run still reports its ratio instead of stopping the bench.
    const deadline = Date.now() + Math.max(120_000, (requestsNeeded / REQUESTS_PER_S) * 10_000);
    for (;;) {
      const runs = await api.get(ListRunsUseCase).execute({ workspaceId, provider, limit: 5 });
      const run = runs.find((r) => r.id === runId);
      if (run && (run.status === 'succeeded' || run.status === 'failed')) {
        const wallS = (performance.now() - started) / 1_000;
        const boundS = requestsNeeded / REQUESTS_PER_S;
        if (run.status === 'failed') throw new Error(`${provider} run failed: ${run.error ?? ''}`);
        return {
          wallS,
          boundS,
          ratio: wallS / boundS,
          peakRssMiB: mib(peakRss),
          requests: requestsMade() - before,
          run,
        };
      }
      if (process.env.BENCH_VERBOSE) {
        console.log(provider, run?.status, JSON.stringify(run?.stats), requestsMade() - before);
      }
      if (Date.now() > deadline) throw new Error(`${provider} run ${runId} did not finish`);
      await sleep(100);
    }
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  let uri = process.env.MONGODB_URI;
  let stopFerret: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  let backend = 'MONGODB_URI';
  if (!uri) {
    const ferret = (await import(
      path.resolve(__dirname, '../../tools/scripts/ferretdb.mjs')
    )) as FerretModule;
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ferretdb-bench-sync-'));
    const server = await ferret.startFerretDb({ dataDir, log: () => undefined });
    uri = server.uri;
    stopFerret = server.stop;
    backend = `FerretDB ${server.backend}`;
  }
  const config = integrationsEnvSchema.parse({
    ...testConfig({ MONGODB_URI: uri, LOG_LEVEL: 'silent' }),
    HUBSPOT_RATE_LIMIT_MAX: '100',
    HUBSPOT_RATE_LIMIT_WINDOW_MS: '10000',
    CUSTOMERIO_RATE_LIMIT_MAX: '10',
    CUSTOMERIO_RATE_LIMIT_WINDOW_MS: '1000',
    SYNC_ATTEMPTS: '1',
  });
  const hubspot = new FakeHubSpot();
  const cio = new FakeCustomerIo();
  hubspot.tenSecondlyLimit = 100;
  cio.perSecondLimit = 10;
  let api: INestApplicationContext | undefined;
  let worker: INestApplicationContext | undefined;
  // The users service writes the pages (the only writer of profiles): a process of its own.
  let users: ServiceProcess | undefined;
  try {
    await Promise.all([hubspot.start(), cio.start()]);
    users = await startUsersService(config, 'users-bench-sync');
    api = await NestFactory.createApplicationContext(AppModule.register(config), {
      logger: false,
    });
    worker = await NestFactory.createApplicationContext(WorkerModule.register(config), {
      logger: false,
    });
    await Promise.all([api.init(), worker.init()]);
    const db = api.get<Connection>(getConnectionToken());
    console.log(`database: ${backend}; ${CONTACTS} contacts, ${PEOPLE} people`);

    // Every contact / person is one of our users (by email / by id).
    const seedStarted = performance.now();
    await seedProfiles(db, HUBSPOT_WS, CONTACTS);
    await seedProfiles(db, CUSTOMERIO_WS, PEOPLE);
    console.log(`seeded profiles in ${((performance.now() - seedStarted) / 1_000).toFixed(1)} s`);
    const modified = Date.now() - 3_600_000;
    const stages = ['lead', 'customer', 'evangelist'];
    for (let i = 0; i < CONTACTS; i += 1) {
      hubspot.addContact(
        {
          email: `User${i}@bench.example`,
          firstname: `First${i}`,
          num_employees: i % 500,
          is_paying: i % 3 === 0,
          lifecyclestage: stages[i % 3] ?? 'lead',
        },
        new Date(modified + i),
      );
    }
    for (let i = 0; i < PEOPLE; i += 1) {
      cio.addPerson(`u${i}`, `user${i}@bench.example`, {
        plan: i % 2 ? 'team' : 'free',
        seats: String(i % 50),
        trial: String(i % 4 === 0),
      });
    }

    await api.get(PutConnectionUseCase).execute({
      workspaceId: HUBSPOT_WS,
      provider: 'hubspot',
      input: { accessToken: hubspot.accessToken, apiBaseUrl: hubspot.url },
    });
    await api.get(PutConnectionUseCase).execute({
      workspaceId: CUSTOMERIO_WS,
      provider: 'customerio',
      input: { appApiKey: cio.appApiKey, region: 'us', apiBaseUrl: cio.url },
    });

    // HubSpot: the property definitions, then one page of 100 contacts a request.
    const hubspotNeeded = 1 + Math.ceil(CONTACTS / 100);
    const hs = await measureRun(
      api,
      HUBSPOT_WS,
      'hubspot',
      hubspotNeeded,
      () => hubspot.requests.length,
    );
    // Customer.io: pages of 1,000 ids, then attributes 100 ids a call.
    const cioNeeded = Math.ceil(PEOPLE / 1_000) + Math.ceil(PEOPLE / 100);
    const cx = await measureRun(
      api,
      CUSTOMERIO_WS,
      'customerio',
      cioNeeded,
      () => cio.requests.length,
    );

    for (const [name, m, records] of [
      ['hubspot', hs, CONTACTS],
      ['customerio', cx, PEOPLE],
    ] as const) {
      console.log(
        `${name.padEnd(10)} ${String(records).padStart(6)} records: wall ${m.wallS.toFixed(1)} s, ` +
          `bound ${m.boundS.toFixed(1)} s, ratio ${m.ratio.toFixed(3)}, ` +
          `requests ${m.requests} (needed ${Math.round(m.boundS * REQUESTS_PER_S)}), ` +
          `peak RSS ${m.peakRssMiB} MiB, stats ${JSON.stringify(m.run.stats)}`,
      );
    }
    const expectMatched = (m: Measured, records: number, name: string) => {
      const applied = m.run.stats.created + m.run.stats.updated;
      if (m.run.stats.fetched !== records || applied !== records) {
        throw new Error(
          `${name}: fetched ${m.run.stats.fetched}, applied ${applied} of ${records}`,
        );
      }
    };
    expectMatched(hs, CONTACTS, 'hubspot');
    expectMatched(cx, PEOPLE, 'customerio');

    reportResult(
      {
        hubspot_wall_s: round(hs.wallS),
        hubspot_bound_s: round(hs.boundS),
        hubspot_ratio_to_bound: round(hs.ratio, 3),
        hubspot_requests: hs.requests,
        hubspot_peak_rss_mib: hs.peakRssMiB,
        customerio_wall_s: round(cx.wallS),
        customerio_bound_s: round(cx.boundS),
        customerio_ratio_to_bound: round(cx.ratio, 3),
        customerio_requests: cx.requests,
        customerio_peak_rss_mib: cx.peakRssMiB,
      },
      {
        backend,
        size: `${CONTACTS} contacts, ${PEOPLE} people`,
        rss: 'process RSS, includes the in-process fake vendors and their records',
      },
    );
  } finally {
    await worker?.close();
    await users?.stop();
    if (api) {
      await api
        .get<Connection>(getConnectionToken())
        .dropDatabase()
        .catch(() => undefined);
      await api.close();
    }
    await Promise.all([hubspot.stop(), cio.stop()]);
    await stopFerret?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
