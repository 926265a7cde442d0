// `npm start`: install, build, start FerretDB (unless MONGODB_URI is set) and
// the five services and the worker; Ctrl-C stops everything it started.
// `npm start -- --replicas N` (or REPLICAS=N, REPLICAS_<NAME>=N) runs N of each (replicas.mjs).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDependencies, log, projectEnv, runOrThrow, workspaceRoot } from './common.mjs';
import { replicaPlan } from './replicas.mjs';
import { ServiceConsole } from './service-console.mjs';

// [name, bundle]: the segments and integrations apps have a second entry point, their workers.
const PROCESSES = [
  ['users', 'users/main.js'],
  ['segments', 'segments/main.js'],
  ['segments-worker', 'segments/worker.js'],
  ['experiences', 'experiences/main.js'],
  ['integrations', 'integrations/main.js'],
  ['integrations-worker', 'integrations/worker.js'],
  ['gateway', 'gateway/main.js'],
];
const dataDir = path.join(workspaceRoot, '.data');
const children = [];
let ferret;
let stopping = false;

async function main() {
  // Checked first: a bad count fails before the build.
  const plan = replicaPlan(PROCESSES, process.argv.slice(2), process.env);
  ensureDependencies();
  const { startFerretDb, ensureFerretDbBinary } = await import('./ferretdb.mjs');
  log('Building the services…');
  runOrThrow('nx', ['run-many', '-t', 'build', '--output-style=stream']);

  const env = { NODE_ENV: process.env.NODE_ENV ?? 'development' };
  if (!process.env.MONGODB_URI) {
    ensureFerretDbBinary(log);
    const port = Number(process.env.FERRETDB_PORT ?? 27017);
    ferret = await startFerretDb({
      dataDir: path.join(dataDir, 'ferretdb'),
      postgresDatabase: process.env.FERRETDB_POSTGRESQL_DATABASE ?? 'ferretdb_dev',
      port,
      log,
    });
    env.MONGODB_URI = ferret.uri;
    log(`FerretDB ${ferret.uri}, ${ferret.backend}`);
  }
  env.ADMIN_TOKEN = process.env.ADMIN_TOKEN ?? developmentAdminToken();

  // JSON logs stay as they are in production and CI (for log collectors); a person reads these.
  const serviceConsole = new ServiceConsole({
    readable: env.NODE_ENV === 'development' && !process.env.CI,
    width: Math.max(...plan.map(({ name }) => name.length)),
  });
  if (plan.length > PROCESSES.length) {
    log(`Starting ${plan.length} processes: ${plan.map(({ name }) => name).join(', ')}`);
  }
  for (const { name: service, bundle, env: own } of plan) {
    const child = spawn(
      path.join(workspaceRoot, 'node_modules', '.bin', 'node'),
      [path.join(workspaceRoot, 'dist', 'apps', bundle)],
      {
        cwd: workspaceRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: projectEnv({ ...env, ...own }),
      },
    );
    serviceConsole.attach(service, child);
    // 'close', not 'exit': its last lines have been read by then.
    child.on('close', (code, signal) => {
      if (!stopping) {
        log(`${service} exited (${signal ?? code}):`);
        for (const line of serviceConsole.lastWordsOf(service)) log(`  ${line}`);
        log('stopping everything');
        void shutdown(1);
      }
    });
    children.push(child);
  }

  const port = Number(process.env.GATEWAY_PORT ?? 3000);
  const url = `http://127.0.0.1:${port}`;
  // A minute per six processes: they start at once and share the machine's cores.
  await waitForHealth(`${url}/health`, 60_000 * Math.ceil(plan.length / PROCESSES.length));
  log(`Dashboard ${url}/  (a fresh install offers Create account)`);
  log(`Gateway   ${url}`);
  log(`API docs  ${url}/docs`);
  if (!process.env.ADMIN_TOKEN) {
    log(
      `Create a workspace: curl -X POST ${url}/v1/workspaces -H 'Authorization: Bearer ${env.ADMIN_TOKEN}' -H 'Content-Type: application/json' -d '{"name":"Acme"}'`,
    );
    log('(development ADMIN_TOKEN kept in .data/admin-token; set ADMIN_TOKEN to choose your own)');
  }
  log('Press Ctrl-C to stop.');
}

function developmentAdminToken() {
  const file = path.join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const token = `adm_${randomBytes(24).toString('hex')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      last = `${response.status} ${await response.text()}`;
      if (response.ok) return;
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Gateway not healthy after ${timeoutMs} ms: ${last}`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('Stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  if (ferret) await ferret.stop();
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((error) => {
  process.stderr.write(`npm start failed: ${error.message}\n`);
  void shutdown(1);
});
