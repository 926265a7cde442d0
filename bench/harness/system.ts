import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The whole system for a benchmark, as `npm start` runs it: built bundles as
 * separate processes (production mode) on a throw-away FerretDB (PostgreSQL
 * backend) unless MONGODB_URI is set. BENCH_SKIP_BUILD=1 uses dist/ as is.
 */
export interface BenchSystem {
  url: string;
  adminToken: string;
  /** Which database the figures were measured on. */
  backend: string;
  /** The services' database, for benchmarks that load a dataset straight into it. */
  mongoUri: string;
  dbName: string;
  stop: () => Promise<void>;
}

const root = path.resolve(__dirname, '../..');
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface FerretModule {
  freePort: () => Promise<number>;
  startFerretDb: (o: {
    dataDir: string;
  }) => Promise<{ uri: string; backend: string; stop: () => Promise<void> }>;
}

export async function startBenchSystem(
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<BenchSystem> {
  if (!process.env.BENCH_SKIP_BUILD) {
    const build = spawnSync(path.join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('build failed');
  }
  const { freePort, startFerretDb } = (await import(
    path.join(root, 'tools/scripts/ferretdb.mjs')
  )) as FerretModule;
  const tmp = mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  // Unnamed: a throw-away PostgreSQL database, dropped on stop.
  const ferret = process.env.MONGODB_URI
    ? undefined
    : await startFerretDb({ dataDir: path.join(tmp, 'ferretdb') });
  if (
    ferret &&
    !ferret.backend.startsWith('postgresql') &&
    process.env.FERRETDB_BACKEND !== 'sqlite'
  ) {
    await ferret.stop();
    throw new Error(
      `FerretDB fell back to ${ferret.backend}; set FERRETDB_BACKEND=sqlite to bench it`,
    );
  }
  const backend = ferret ? `FerretDB ${ferret.backend}` : 'MONGODB_URI';
  console.log(`database: ${backend}`);
  const id = randomBytes(5).toString('hex');
  const port = await freePort();
  const adminToken = `adm_${randomBytes(16).toString('hex')}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    MONGODB_URI: process.env.MONGODB_URI ?? ferret?.uri,
    MONGODB_DB: `bench_${id}`,
    BUS_PREFIX: `bench_${id}`,
    BUS_QUEUE_EXPIRES_MS: '60000',
    ADMIN_TOKEN: adminToken,
    // Throw-away key: the integrations service must start for /health to be up.
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    GATEWAY_PORT: String(port),
    HEALTH_PORT: '0',
    // The gateway's metrics on a free port: another system may hold the default 9464.
    METRICS_PORT: '0',
    // Load comes from one key: the per-key rate limit is not what is measured.
    RATE_LIMIT_SDK: '100000000',
    RATE_LIMIT_SDK_PER_USER: '100000000',
    RATE_LIMIT_SECRET: '100000000',
    ...extraEnv,
  };
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // Every entry point `npm start` runs: the services and their workers (second entry points).
  const children: ChildProcess[] = [
    ['users', 'users/main.js'],
    ['segments', 'segments/main.js'],
    ['segments-worker', 'segments/worker.js'],
    ['experiences', 'experiences/main.js'],
    ['integrations', 'integrations/main.js'],
    ['integrations-worker', 'integrations/worker.js'],
    ['gateway', 'gateway/main.js'],
  ].map(([name, file]) => {
    const out = openSync(path.join(tmp, `${name}.log`), 'a');
    return spawn(
      path.join(root, 'node_modules/.bin/node'),
      // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the services.
      [...nodeArgs, path.join(root, 'dist/apps', file)],
      { cwd: root, env, stdio: ['ignore', out, out] },
    );
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`system not healthy; logs in ${tmp}`);
    await sleep(200);
  }
  return {
    url,
    adminToken,
    backend,
    mongoUri: String(env.MONGODB_URI),
    dbName: env.MONGODB_DB,
    stop: async () => {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      await ferret?.stop();
      // BENCH_KEEP_LOGS=1 keeps the services' logs (the folder is printed).
      if (process.env.BENCH_KEEP_LOGS) console.log(`service logs kept in ${tmp}`);
      else rmSync(tmp, { recursive: true, force: true });
    },
  };
}
