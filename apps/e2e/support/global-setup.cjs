// Builds (Nx-cached) and starts the whole system once for the e2e suites, in
// its own database and bus namespace; suites isolate themselves by workspace.
const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, openSync, readFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const PROCESSES = [
  ['users', 'users/main.js'],
  ['segments', 'segments/main.js'],
  ['segments-worker', 'segments/worker.js'],
  ['experiences', 'experiences/main.js'],
  ['integrations', 'integrations/main.js'],
  ['integrations-worker', 'integrations/worker.js'],
  ['gateway', 'gateway/main.js'],
];

module.exports = async function globalSetup() {
  await require('../../../tools/jest/global-setup.cjs')();
  const nodeEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
  const build = spawnSync(
    path.join(root, 'node_modules/.bin/nx'),
    ['run-many', '-t', 'build', '--output-style=static'],
    {
      cwd: root,
      env: nodeEnv,
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(`Build failed:\n${build.stdout}\n${build.stderr}`);

  const { freePort } = await import(path.join(root, 'tools/scripts/ferretdb.mjs'));
  const id = randomBytes(5).toString('hex');
  const port = await freePort();
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'e2e-logs-'));
  const env = {
    ...nodeEnv,
    NODE_ENV: 'test',
    // `debug`: one line per bus message and job, so a request id can be followed (request-id.e2e).
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'debug',
    MONGODB_URI: process.env.MONGODB_URI,
    MONGODB_DB: `e2e_${id}`,
    BUS_PREFIX: `e2e_${id}`,
    BUS_QUEUE_EXPIRES_MS: '60000',
    ADMIN_TOKEN: `adm_${randomBytes(16).toString('hex')}`,
    GATEWAY_PORT: String(port),
    HEALTH_PORT: '0',
    METRICS_PORT: '0',
  };
  const children = PROCESSES.map(([name, bundle]) => {
    const logFile = path.join(logDir, `${name}.log`);
    const out = openSync(logFile, 'a');
    const child = spawn(
      path.join(root, 'node_modules/.bin/node'),
      [path.join(root, 'dist/apps', bundle)],
      {
        cwd: root,
        env,
        stdio: ['ignore', out, out],
      },
    );
    return { name, child, logFile };
  });
  globalThis.__E2E__ = { children, env, logDir };

  // Jest runs no globalTeardown when this throws: stop what was started before throwing.
  const fail = (message) => {
    for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
    return new Error(message);
  };
  const url = `http://127.0.0.1:${port}`;
  // Generous: six services start at once on a machine that may be shared.
  const deadline = Date.now() + 120_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const dead = children.find(({ child }) => child.exitCode !== null);
    if (dead) throw fail(`${dead.name} exited at start-up:\n${readFileSync(dead.logFile, 'utf8')}`);
    try {
      const response = await fetch(`${url}/health`);
      last = `${response.status} ${await response.text()}`;
      if (response.ok) break;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (Date.now() >= deadline) throw fail(`System not healthy: ${last}; logs in ${logDir}`);
  process.env.E2E_GATEWAY_URL = url;
  process.env.E2E_ADMIN_TOKEN = env.ADMIN_TOKEN;
  process.env.E2E_LOG_DIR = logDir;
  // For suites that start one more instance of a service (e.g. a second gateway).
  process.env.E2E_SERVICE_ENV = JSON.stringify(env);
  // For suites that seed the system's database directly.
  process.env.E2E_MONGODB_URI = env.MONGODB_URI;
  process.env.E2E_MONGODB_DB = env.MONGODB_DB;
};
