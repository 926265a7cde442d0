// Builds (once, cached under .cache/) and runs FerretDB v1.24.2, the embedded
// MongoDB-compatible server used when MONGODB_URI is not set.
//
// `go install …@v1.24.2` produces a binary that panics at start-up because the
// module zip lacks the generated build/version/version.txt; so the module
// source is copied from the Go module cache, the file is written and the
// binary is built from that copy.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FERRETDB_VERSION = 'v1.24.2';
const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = path.join(workspaceRoot, '.cache', 'ferretdb', FERRETDB_VERSION);
export const ferretDbBinary = path.join(cacheDir, 'ferretdb');
const indexesSql = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ferretdb-indexes.sql');

export function ensureFerretDbBinary(log = console.log) {
  if (process.env.FERRETDB_BIN) return process.env.FERRETDB_BIN;
  if (existsSync(ferretDbBinary)) return ferretDbBinary;
  log(`Building FerretDB ${FERRETDB_VERSION} with the Go toolchain (once, cached in .cache/)…`);
  const go = process.env.GO_BIN ?? 'go';
  const moduleInfo = JSON.parse(
    execFileSync(
      go,
      ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`],
      {
        encoding: 'utf8',
      },
    ),
  );
  if (!moduleInfo.Dir) throw new Error(`go mod download failed: ${moduleInfo.Error ?? 'no Dir'}`);
  const sourceDir = path.join(cacheDir, 'src');
  rmSync(sourceDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  cpSync(moduleInfo.Dir, sourceDir, { recursive: true });
  chmodRecursive(sourceDir);
  writeFileSync(path.join(sourceDir, 'build/version/version.txt'), `${FERRETDB_VERSION}\n`);
  execFileSync(go, ['build', '-o', ferretDbBinary, './cmd/ferretdb'], {
    cwd: sourceDir,
    stdio: 'inherit',
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  rmSync(sourceDir, { recursive: true, force: true });
  return ferretDbBinary;
}

function chmodRecursive(dir) {
  execFileSync('chmod', ['-R', 'u+w', dir]);
  chmodSync(dir, 0o755);
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with code ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`FerretDB did not listen on port ${port} within ${timeoutMs} ms`);
}

const postgresBase = () =>
  (process.env.FERRETDB_POSTGRESQL_URL ?? 'postgres://postgres@127.0.0.1:5432/').replace(
    /\/?$/,
    '/',
  );

function psql(database, sql, { file } = {}) {
  const url = new URL(postgresBase());
  return execFileSync(
    'psql',
    [
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      decodeURIComponent(url.username || 'postgres'),
      '-d',
      database,
      '-v',
      'ON_ERROR_STOP=1',
      ...(file ? ['-tAqf', file] : ['-tAc', sql]),
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
    },
  ).trim();
}

/**
 * Makes sure the PostgreSQL database exists (FerretDB maps each MongoDB database
 * to a schema inside it). Returns false when PostgreSQL cannot be reached.
 */
export function ensurePostgresDatabase(name, log = console.log) {
  try {
    if (psql('postgres', `select 1 from pg_database where datname = '${name}'`) !== '1') {
      psql('postgres', `create database "${name}"`);
    }
  } catch (error) {
    log(
      `PostgreSQL not usable (${String(error.message).split('\n')[0]}); FerretDB falls back to SQLite`,
    );
    return false;
  }
  try {
    // See ferretdb-indexes.sql: without these, every FerretDB lookup is a full scan.
    psql('postgres', `alter database "${name}" set plan_cache_mode = force_custom_plan`);
    psql(name, '', { file: indexesSql });
  } catch (error) {
    log(`FerretDB lookups stay unindexed: ${String(error.stderr || error.message).split('\n')[0]}`);
  }
  return true;
}

export function dropPostgresDatabase(name) {
  try {
    psql('postgres', `drop database if exists "${name}" with (force)`);
  } catch {
    // Best effort: a leftover test database is harmless.
  }
}

/**
 * Starts FerretDB on `port` (a free one when omitted). Backend: PostgreSQL (the
 * machine's, database `postgresDatabase`) when reachable — it handles concurrent
 * writes and `_id` lookups far better than SQLite — else SQLite in `dataDir`.
 * Every default that would clash between two instances on one machine (debug
 * HTTP port, state.json in the working folder) is overridden.
 */
export async function startFerretDb({
  dataDir,
  port,
  postgresDatabase,
  log = console.log,
  stdio = 'ignore',
}) {
  const binary = ensureFerretDbBinary(log);
  const listenPort = port ?? (await freePort());
  mkdirSync(dataDir, { recursive: true });
  // Without a name, a throw-away database is made and dropped when the server stops.
  const ephemeral = postgresDatabase === undefined;
  const database = postgresDatabase ?? `ferretdb_tmp_${process.pid}_${listenPort}`;
  const usePostgres =
    process.env.FERRETDB_BACKEND !== 'sqlite' && ensurePostgresDatabase(database, log);
  const backend = usePostgres
    ? ['--handler=postgresql', `--postgresql-url=${postgresBase()}${database}`]
    : ['--handler=sqlite', `--sqlite-url=file:${dataDir}/`];
  const child = spawn(
    binary,
    [
      ...backend,
      `--listen-addr=127.0.0.1:${listenPort}`,
      `--state-dir=${dataDir}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    { cwd: dataDir, stdio: ['ignore', stdio, stdio] },
  );
  await waitForPort(listenPort, child, 20_000);
  return {
    port: listenPort,
    uri: `mongodb://127.0.0.1:${listenPort}/`,
    backend: usePostgres ? `postgresql (database ${database})` : `sqlite (${dataDir})`,
    child,
    stop: async () => {
      await new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      if (usePostgres && ephemeral) dropPostgresDatabase(database);
    },
  };
}
