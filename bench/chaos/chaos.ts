// The fault suite (`npm run chaos`): the whole system as separate processes (built bundles,
// production mode) on a FerretDB, a Redis (AOF, on a port of its own) and the machine's
// RabbitMQ; one fault at a time during a sustained ingestion (and, where they exist, a
// HubSpot sync of 2,000 contacts and a segment recomputation over 2,000 users, both started
// just before the fault); then one table of figures:
//
//   fault | accepted | lost | applied twice | sync run | recomputation | recovery ms
//
// "Lost": accepted tracks (202) that never became a stored event. "Applied twice": events the
// catalog counted more than once (it counts only newly stored events). "Recovery": from the
// fault (the kill) to the first batch accepted again.
//
//   npm run chaos                       every fault
//   npm run chaos -- --short            gateway and users SIGKILL only (what npm test runs)
//   npm run chaos -- --only FerretDB    the faults whose name contains this text (a replay)
//
// Vendor faults (the fake HubSpot's answers to the run's pages: 429s, 5xx, a page held past
// VENDOR_TIMEOUT_MS, truncated and malformed pages, the token expiring mid-run) check the
// run's end (retried with backoff to `succeeded`; `failed` with the reason for the token) and
// that every matched user holds the contact's attributes whole or, after a failed run, none.
//   env: CHAOS_SECONDS (load per fault, 8), CHAOS_SKIP_RABBITMQ=1 (a shared RabbitMQ),
//        CHAOS_PRELOAD_USERS, CHAOS_CONTACTS (2,000 each; 0 in --short),
//        BENCH_SKIP_BUILD=1 (dist/ as is)
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeHubSpot, type FakeReply } from '@seg/testing';
import { MongoClient } from 'mongodb';

const root = path.resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SHORT = process.argv.includes('--short');
const SECONDS = Number(process.env.CHAOS_SECONDS ?? (SHORT ? 4 : 8));
const BATCH = 100;
const onlyIndex = process.argv.indexOf('--only');
const ONLY = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;

interface FerretModule {
  freePort: () => Promise<number>;
  startFerretDb: (o: {
    dataDir: string;
    port?: number;
    postgresDatabase?: string;
  }) => Promise<{ uri: string; child: ChildProcess; stop: () => Promise<void> }>;
  dropPostgresDatabase: (name: string) => void;
}

/** The entry points `npm start` runs; workers only when built. */
const ENTRY_POINTS = [
  ['users', 'dist/apps/users/main.js'],
  ['segments', 'dist/apps/segments/main.js'],
  ['segments-worker', 'dist/apps/segments/worker.js'],
  ['experiences', 'dist/apps/experiences/main.js'],
  ['integrations', 'dist/apps/integrations/main.js'],
  ['integrations-worker', 'dist/apps/integrations/worker.js'],
  ['gateway', 'dist/apps/gateway/main.js'],
].filter(([, file]) => existsSync(path.join(root, file)));

interface Row {
  fault: string;
  accepted: number;
  lost: number;
  twice: number;
  sync: string;
  recomputation: string;
  recoveryMs: number;
}

class System {
  readonly processes = new Map<string, ChildProcess>();
  url = '';
  adminToken = `adm_${randomBytes(16).toString('hex')}`;
  private env: Record<string, string | undefined> = {};

  constructor(
    private readonly tmp: string,
    private readonly ferret: FerretModule,
  ) {}

  ferretChild?: ChildProcess;
  ferretPort = 0;
  redisPort = 0;
  redis?: ChildProcess;
  readonly postgresDatabase = `chaos_${randomBytes(4).toString('hex')}`;

  async start(hubspotUrl: string): Promise<void> {
    this.ferretPort = await this.ferret.freePort();
    await this.startFerret();
    this.redisPort = await this.ferret.freePort();
    await this.startRedis();
    const id = randomBytes(5).toString('hex');
    const port = await this.ferret.freePort();
    this.env = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      MONGODB_URI: `mongodb://127.0.0.1:${this.ferretPort}/`,
      MONGODB_DB: `chaos_${id}`,
      REDIS_URL: `redis://127.0.0.1:${this.redisPort}`,
      BUS_PREFIX: `chaos_${id}`,
      BUS_QUEUE_EXPIRES_MS: '120000',
      ADMIN_TOKEN: this.adminToken,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      GATEWAY_PORT: String(port),
      HEALTH_PORT: '0',
      // The gateway's metrics on a free port: another system may hold the default 9464.
      METRICS_PORT: '0',
      HUBSPOT_API_BASE_URL: hubspotUrl,
      // The vendor-timeout fault holds a page 6 s; retries start 1 s later, then double.
      VENDOR_TIMEOUT_MS: '2000',
      SYNC_BACKOFF_MS: '1000',
      RATE_LIMIT_SDK: '100000000',
      RATE_LIMIT_SDK_PER_USER: '100000000',
      RATE_LIMIT_SECRET: '100000000',
    };
    this.url = `http://127.0.0.1:${port}`;
    for (const [name] of ENTRY_POINTS) this.spawn(name);
    await this.healthy(90_000);
  }

  spawn(name: string): void {
    const file = ENTRY_POINTS.find(([service]) => service === name)?.[1];
    if (!file) throw new Error(`no entry point ${name}`);
    const out = openSync(path.join(this.tmp, `${name}.log`), 'a');
    const child = spawn(path.join(root, 'node_modules/.bin/node'), [path.join(root, file)], {
      cwd: root,
      env: this.env,
      stdio: ['ignore', out, out],
    });
    this.processes.set(name, child);
  }

  async kill(name: string): Promise<void> {
    const child = this.processes.get(name);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async startFerret(): Promise<void> {
    const started = await this.ferret.startFerretDb({
      dataDir: path.join(this.tmp, 'ferretdb'),
      port: this.ferretPort,
      postgresDatabase: this.postgresDatabase,
    });
    this.ferretChild = started.child;
  }

  async killFerret(): Promise<void> {
    const child = this.ferretChild;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async startRedis(): Promise<void> {
    const dir = path.join(this.tmp, 'redis');
    mkdirSync(dir, { recursive: true });
    // A Redis of the suite's own, with AOF: the machine's keeps nothing on disk.
    this.redis = spawn(
      'redis-server',
      ['--port', String(this.redisPort), '--dir', dir, '--appendonly', 'yes', '--save', ''],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      const ping = spawnSync('redis-cli', ['-p', String(this.redisPort), 'ping'], {
        encoding: 'utf8',
      });
      if (ping.stdout.trim() === 'PONG') return;
      await sleep(100);
    }
    throw new Error('redis did not start');
  }

  async stopRedis(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.exitCode !== null) return;
    const exited = new Promise((resolve) => redis.once('exit', resolve));
    redis.kill('SIGKILL');
    await exited;
  }

  async healthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    for (;;) {
      try {
        const response = await fetch(`${this.url}/health`);
        if (response.ok) return;
        last = `${response.status} ${await response.text()}`;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(`system not healthy (${last.slice(0, 500)}); logs in ${this.tmp}`);
      }
      await sleep(200);
    }
  }

  async stop(): Promise<void> {
    for (const name of this.processes.keys()) {
      const child = this.processes.get(name)!;
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(10_000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    }
    await this.killFerret();
    await this.stopRedis();
    this.ferret.dropPostgresDatabase(this.postgresDatabase);
  }
}

async function api<T>(url: string, method: string, key: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/**
 * Sends batches of tracks (unique messageIds) until stopped; a batch that fails (no answer,
 * 5xx, 429) is sent again as it was, as the SDK does: messageIds make it idempotent.
 */
class Load {
  accepted = new Set<string>();
  firstAcceptAfter = 0;
  private sequence = 0;
  private running = true;
  private readonly done: Promise<void>;

  constructor(
    private readonly url: () => string,
    private readonly publicKey: string,
    private readonly prefix: string,
    users: number,
  ) {
    this.done = Promise.all([1, 2].map(() => this.loop(users))).then(() => undefined);
  }

  private async loop(users: number): Promise<void> {
    while (this.running) {
      const batch = Array.from({ length: BATCH }, () => {
        const n = this.sequence++;
        return {
          type: 'track',
          userId: `${this.prefix}-u${n % users}`,
          event: `Chaos ${this.prefix}`,
          messageId: `${this.prefix}-${n}`,
          properties: { n },
        };
      });
      for (;;) {
        try {
          const answer = await api<{ accepted: number }>(
            `${this.url()}/v1/batch`,
            'POST',
            this.publicKey,
            { batch },
          );
          if (answer.status === 200 || answer.status === 202) {
            for (const message of batch) this.accepted.add(message.messageId);
            if (this.firstAcceptAfter === 0) this.firstAcceptAfter = Date.now();
            break;
          }
        } catch {
          // the gateway is down: try again
        }
        if (!this.running) return;
        await sleep(200);
      }
    }
  }

  markFault(): void {
    this.firstAcceptAfter = 0;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }
}

interface Fault {
  name: string;
  inject: (system: System) => Promise<void>;
  /** How the fault's sync run must end (by default either, with a reason when it fails). */
  sync?: 'succeeded' | 'failed';
}

const rateLimited = (headers: Record<string, string>): FakeReply => ({
  status: 429,
  headers,
  body: { status: 'error', policyName: 'TEN_SECONDLY_ROLLING', errorType: 'RATE_LIMIT' },
});

/** Faults of the fake HubSpot, from the run's second page on (the first is written). */
function vendorFaults(hubspot: FakeHubSpot): Fault[] {
  const pages = (name: string, replies: FakeReply[]): Fault => ({
    name: `HubSpot ${name}`,
    sync: 'succeeded',
    inject: async () => {
      hubspot.forcedPages.push(null, ...replies);
      // The fault is over once the run has met every forced reply.
      const deadline = Date.now() + 60_000;
      while (hubspot.forcedPages.length > 0 && Date.now() < deadline) await sleep(100);
    },
  });
  const contactsPages = () =>
    hubspot.requests.filter((r) => r.path.startsWith('/crm/v3/objects/contacts')).length;
  return [
    pages(
      '429 with Retry-After (3 in a row)',
      [1, 2, 3].map(() => rateLimited({ 'retry-after': '2' })),
    ),
    pages(
      '429 without Retry-After (3 in a row)',
      [1, 2, 3].map(() => rateLimited({})),
    ),
    pages(
      '5xx (502, 503, 500)',
      [502, 503, 500].map((status) => ({ status, body: { status: 'error', message: 'down' } })),
    ),
    pages('page held 6 s (timeout)', [{ status: 200, delayMs: 6_000, body: { results: [] } }]),
    pages('truncated JSON page', [{ status: 200, raw: '{"results":[{"id":"1","properties":{"em' }]),
    pages('malformed page (HTML sent as 200)', [{ status: 200, raw: '<html>Bad gateway</html>' }]),
    {
      name: 'HubSpot token expired mid-run',
      sync: 'failed',
      inject: async () => {
        const start = contactsPages();
        const deadline = Date.now() + 30_000;
        while (contactsPages() < start + 2 && Date.now() < deadline) await sleep(50);
        hubspot.accessToken = 'pat-na1-expired-token';
      },
    },
  ];
}

function faults(hubspot: FakeHubSpot): Fault[] {
  const kill = (service: string): Fault => ({
    name: `SIGKILL ${service}`,
    inject: async (system) => {
      await system.kill(service);
      await sleep(1_000);
      system.spawn(service);
    },
  });
  const services = ENTRY_POINTS.map(([name]) => name);
  if (SHORT) return ['gateway', 'users'].filter((s) => services.includes(s)).map(kill);
  const list: Fault[] = [
    { name: 'none (baseline)', inject: async () => undefined },
    ...services.map(kill),
    {
      name: 'FerretDB killed, restarted after 3 s',
      inject: async (system) => {
        await system.killFerret();
        await sleep(3_000);
        await system.startFerret();
      },
    },
    {
      name: 'Redis killed, restarted after 3 s (AOF)',
      inject: async (system) => {
        await system.stopRedis();
        await sleep(3_000);
        await system.startRedis();
      },
    },
  ];
  if (CONTACTS > 0) list.push(...vendorFaults(hubspot));
  if (!process.env.CHAOS_SKIP_RABBITMQ) {
    list.push({
      name: 'RabbitMQ stop_app, start_app after 3 s',
      inject: async () => {
        execFileSync('rabbitmqctl', ['stop_app'], { stdio: 'ignore' });
        await sleep(3_000);
        execFileSync('rabbitmqctl', ['start_app'], { stdio: 'ignore' });
      },
    });
  }
  return list;
}

async function storedAndCounted(
  mongo: MongoClient,
  db: string,
  workspaceId: string,
  event: string,
): Promise<{ stored: number; counted: number }> {
  const database = mongo.db(db);
  const stored = await database.collection('events').countDocuments({ workspaceId, name: event });
  const entry = await database
    .collection<{ count?: number }>('event_catalog')
    .findOne({ workspaceId, name: event });
  return { stored, counted: entry?.count ?? 0 };
}

/** Users identified before each fault: the recomputation's population (and the sync's matches). */
const PRELOAD_USERS = Number(process.env.CHAOS_PRELOAD_USERS ?? (SHORT ? 0 : 2_000));
/** HubSpot contacts per fault's workspace (half of them match a preloaded user by email). */
const CONTACTS = Number(process.env.CHAOS_CONTACTS ?? (SHORT ? 0 : 2_000));
const HUBSPOT_TOKEN = 'pat-na1-chaos-suite-token';

interface SyncRun {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  error?: string;
  stats: { fetched: number; created: number; updated: number; unmatched: number; failed: number };
}

/** Identifies the workspace's preloaded users (trait `preloaded`), as an app would. */
async function preload(url: string, publicKey: string, prefix: string): Promise<void> {
  for (let start = 0; start < PRELOAD_USERS; start += 500) {
    const batch = Array.from({ length: Math.min(500, PRELOAD_USERS - start) }, (_, i) => ({
      type: 'identify',
      userId: `${prefix}-p${start + i}`,
      messageId: `${prefix}-identify-${start + i}`,
      traits: { email: `${prefix}-p${start + i}@chaos.test`, preloaded: true },
    }));
    for (let attempt = 0; ; attempt++) {
      const answer = await api(`${url}/v1/batch`, 'POST', publicKey, { batch }).catch(
        (error: Error) => ({ status: error.message, body: null }),
      );
      if (answer.status === 202) break;
      if (attempt > 50) throw new Error(`preload refused: ${answer.status}`);
      await sleep(200);
    }
  }
}

/** Polls until `check` answers, or `timeoutMs` pass (then null). */
async function settle<T>(check: () => Promise<T | null>, timeoutMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check().catch(() => null);
    if (found !== null || Date.now() > deadline) return found;
    await sleep(500);
  }
}

/** The sync run's end as the table says it: succeeded with its figures, failed with a reason. */
async function syncOutcome(url: string, key: string, runId: string): Promise<string> {
  const run = await settle(async () => {
    const runs = await api<SyncRun[]>(`${url}/v1/integrations/hubspot/runs`, 'GET', key);
    const found = runs.body.find((r) => r.id === runId);
    return found && (found.status === 'succeeded' || found.status === 'failed') ? found : null;
  }, 120_000);
  if (!run) return 'STUCK (not finished in 120 s)';
  if (run.status === 'failed') return `failed: ${run.error ?? 'no reason'}`;
  const { fetched, created, updated, unmatched } = run.stats;
  const ok = fetched === CONTACTS ? '' : ` (FETCHED ${fetched} OF ${CONTACTS})`;
  return `succeeded, ${fetched} fetched, ${created + updated} applied, ${unmatched} kept${ok}`;
}

/** Contact `i` of a fault's workspace: what HubSpot holds (every other one matches a user). */
function contactOf(prefix: string, i: number) {
  return {
    email: i % 2 === 0 ? `${prefix}-p${i}@chaos.test` : `${prefix}-c${i}@elsewhere.test`,
    lifecyclestage: i % 3 === 0 ? 'customer' : 'lead',
    firstname: `F${i}`,
  };
}

/**
 * The matched users' HubSpot attributes after the run: each holds its contact's values whole
 * (`exact`), or none of them (`missing`: allowed only when the run failed); anything else is
 * `wrong` (partial or corrupt).
 */
async function hubspotAttributes(
  mongo: MongoClient,
  db: string,
  workspaceId: string,
  prefix: string,
): Promise<{ exact: number; missing: number; wrong: number }> {
  const matched = Array.from({ length: Math.min(CONTACTS, PRELOAD_USERS) }, (_, i) => i).filter(
    (i) => i % 2 === 0,
  );
  const profiles = mongo
    .db(db)
    .collection<{ _id: string; custom?: { hubspot?: object } }>('profiles');
  const figures = { exact: 0, missing: 0, wrong: 0 };
  for (const i of matched) {
    const profile = await profiles.findOne({ _id: `${workspaceId}/${prefix}-p${i}` });
    const held = profile?.custom?.hubspot as Record<string, unknown> | undefined;
    const expected = contactOf(prefix, i);
    if (!held || Object.keys(held).length === 0) figures.missing += 1;
    else if (Object.entries(expected).every(([key, value]) => held[key] === value)) {
      figures.exact += 1;
    } else figures.wrong += 1;
  }
  return figures;
}

/** The recomputation's end: the segment's count ready and exact, or what it says instead. */
async function recomputationOutcome(url: string, key: string, segmentId: string): Promise<string> {
  const started = Date.now();
  const last: { count?: number; status?: string } = {};
  const ready = await settle(async () => {
    const answer = await api<{ count: number; status: string }>(
      `${url}/v1/segments/${segmentId}/count`,
      'GET',
      key,
    );
    Object.assign(last, answer.body);
    return answer.body.status === 'ready' && answer.body.count === PRELOAD_USERS
      ? answer.body
      : null;
  }, 120_000);
  if (!ready)
    return `NOT READY in 120 s (${last.status ?? '?'}, ${last.count ?? '?'} of ${PRELOAD_USERS})`;
  return `ready, ${ready.count} = ${PRELOAD_USERS} (${((Date.now() - started) / 1000).toFixed(1)} s after the load)`;
}

async function main(): Promise<void> {
  if (!process.env.BENCH_SKIP_BUILD) {
    const build = spawnSync(path.join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('build failed');
  }
  const ferret = (await import(path.join(root, 'tools/scripts/ferretdb.mjs'))) as FerretModule;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'chaos-'));
  const hubspot = new FakeHubSpot();
  hubspot.accessToken = HUBSPOT_TOKEN;
  // Pages slow enough for a run to span the fault (HubSpot pages of 100).
  hubspot.contactsPageDelayMs = 150;
  await hubspot.start();
  const system = new System(tmp, ferret);
  const rows: Row[] = [];
  let mongo: MongoClient | undefined;
  try {
    await system.start(hubspot.url);
    mongo = await MongoClient.connect(`mongodb://127.0.0.1:${system.ferretPort}/`);
    const dbName = String((system as unknown as { env: Record<string, string> }).env.MONGODB_DB);
    for (const fault of faults(hubspot).filter((f) => !ONLY || f.name.includes(ONLY))) {
      const created = await api<{ id: string; publicKey: string; secretKey: string }>(
        `${system.url}/v1/workspaces`,
        'POST',
        system.adminToken,
        { name: `chaos ${fault.name}` },
      );
      if (created.status !== 201) throw new Error(`workspace: ${created.status}`);
      const ws = created.body;
      const prefix = randomBytes(3).toString('hex');
      await preload(system.url, ws.publicKey, prefix);
      hubspot.contacts = [];
      hubspot.accessToken = HUBSPOT_TOKEN;
      hubspot.forcedPages.length = 0;
      // Every other contact matches a preloaded user (by email); the rest are kept.
      for (let i = 0; i < CONTACTS; i++) hubspot.addContact(contactOf(prefix, i));
      let runId: string | undefined;
      let segmentId: string | undefined;
      if (CONTACTS > 0) {
        const connected = await api(`${system.url}/v1/integrations/hubspot`, 'PUT', ws.secretKey, {
          accessToken: HUBSPOT_TOKEN,
        });
        if (connected.status !== 200) throw new Error(`connect HubSpot: ${connected.status}`);
      }
      const load = new Load(() => system.url, ws.publicKey, prefix, 50);
      await sleep((SECONDS * 1_000) / 2);
      // A sync run and a recomputation in flight when the fault strikes.
      if (CONTACTS > 0) {
        const sync = await api<{ runId: string }>(
          `${system.url}/v1/integrations/hubspot/sync`,
          'POST',
          ws.secretKey,
        );
        runId = sync.body.runId;
      }
      if (PRELOAD_USERS > 0) {
        const created = await api<{ id: string }>(
          `${system.url}/v1/segments`,
          'POST',
          ws.secretKey,
          {
            name: `Preloaded ${prefix}`,
            rules: {
              type: 'group',
              operator: 'and',
              conditions: [
                { type: 'customAttribute', source: 'sdk', key: 'preloaded', operator: 'isTrue' },
              ],
            },
          },
        );
        if (created.status !== 201) throw new Error(`segment: ${created.status}`);
        segmentId = created.body.id;
      }
      const faultAt = Date.now();
      load.markFault();
      await fault.inject(system);
      await system.healthy(120_000);
      // The load goes on until a batch is accepted again (the recovery), then as long again.
      const recoveryDeadline = Date.now() + 120_000;
      while (load.firstAcceptAfter === 0 && Date.now() < recoveryDeadline) await sleep(100);
      await sleep((SECONDS * 1_000) / 2);
      await load.stop();
      const recoveryMs = load.firstAcceptAfter > 0 ? load.firstAcceptAfter - faultAt : -1;
      // Wait until every accepted track is stored (or 120 s pass: then they are lost).
      const event = `Chaos ${prefix}`;
      const deadline = Date.now() + 120_000;
      let figures = await storedAndCounted(mongo, dbName, ws.id, event);
      while (figures.stored < load.accepted.size && Date.now() < deadline) {
        await sleep(500);
        figures = await storedAndCounted(mongo, dbName, ws.id, event).catch(() => figures);
      }
      const [outcome, recomputation] = await Promise.all([
        runId ? syncOutcome(system.url, ws.secretKey, runId) : Promise.resolve('—'),
        segmentId
          ? recomputationOutcome(system.url, ws.secretKey, segmentId)
          : Promise.resolve('—'),
      ]);
      let sync = outcome;
      if (runId) {
        const ended = outcome.startsWith('succeeded') ? 'succeeded' : 'failed';
        if (fault.sync && fault.sync !== ended) sync = `UNEXPECTED ${sync}`;
        const held = await hubspotAttributes(mongo, dbName, ws.id, prefix);
        const notApplied = held.missing > 0 ? `, ${held.missing} not applied` : '';
        sync +=
          `; attributes: ${held.exact} whole` +
          (ended === 'succeeded' && held.missing > 0 ? `, ${held.missing} MISSING` : notApplied) +
          (held.wrong > 0 ? `, ${held.wrong} WRONG` : '');
      }
      rows.push({
        fault: fault.name,
        accepted: load.accepted.size,
        lost: Math.max(0, load.accepted.size - figures.stored),
        twice: Math.max(0, figures.counted - figures.stored),
        sync,
        recomputation,
        recoveryMs: Math.max(0, recoveryMs),
      });
      console.log(JSON.stringify(rows.at(-1)));
    }
  } finally {
    await mongo?.close().catch(() => undefined);
    await system.stop();
    await hubspot.stop();
    if (process.env.BENCH_KEEP_LOGS) console.log(`logs kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  const table = [
    '| fault | accepted | lost | applied twice | sync run | recomputation | recovery (ms) |',
    '| --- | ---: | ---: | ---: | --- | --- | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.fault} | ${r.accepted} | ${r.lost} | ${r.twice} | ${r.sync} | ${r.recomputation} | ${r.recoveryMs} |`,
    ),
  ].join('\n');
  console.log(`\n${table}\n`);
  const results = path.join(root, 'bench/results');
  mkdirSync(results, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(path.join(results, `chaos-${stamp}.md`), `# Fault suite ${stamp}\n\n${table}\n`);
  writeFileSync(path.join(results, `chaos-${stamp}.json`), JSON.stringify(rows, null, 2));
  process.stdout.write(`CHAOS_RESULT ${JSON.stringify(rows)}\n`);
  const bad = rows.filter(
    (r) =>
      r.lost > 0 ||
      r.twice > 0 ||
      r.accepted === 0 ||
      /STUCK|NOT READY|FETCHED|UNEXPECTED|MISSING|WRONG/.test(`${r.sync} ${r.recomputation}`),
  );
  if (bad.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
