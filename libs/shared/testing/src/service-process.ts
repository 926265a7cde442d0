// A service as a child process for an integration suite: its real entry point (e.g.
// apps/users/src/main.ts) through @swc-node/register, with the suite's config (same
// database, bus namespace and Redis prefix), its /health on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from './wait-for';

const ROOT = path.resolve(__dirname, '../../../..');

export interface ServiceProcess {
  child: ChildProcess;
  logFile: string;
  /** Its /health (and /metrics) port. */
  port: number;
  logs(): string;
  /** SIGTERM, SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL at once (a crash). */
  kill(): Promise<void>;
}

export async function startServiceProcess(
  entry: string,
  config: object,
  name: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' };
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined && value !== null && typeof value !== 'object') {
      childEnv[key] = String(value);
    }
  }
  const port = await freePort();
  childEnv['HEALTH_PORT'] = String(port);
  childEnv['LOG_LEVEL'] = 'warn';
  Object.assign(childEnv, env);
  const logFile = path.join(tmpdir(), `${name}-${process.pid}-${port}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/node'),
    ['-r', '@swc-node/register', path.join(ROOT, entry)],
    { cwd: ROOT, env: childEnv, stdio: ['ignore', out, out] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = async (sig: NodeJS.Signals) => {
    if (!running()) return;
    child.kill(sig);
    if (sig === 'SIGTERM') setTimeout(() => running() && child.kill('SIGKILL'), 10_000).unref();
    await exited;
  };
  const service: ServiceProcess = {
    child,
    logFile,
    port,
    logs: () => readFileSync(logFile, 'utf8'),
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
  try {
    await waitFor(
      async () => {
        if (!running()) throw new Error(`${name} exited:\n${service.logs()}`);
        return (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true;
      },
      { timeoutMs: 150_000, intervalMs: 200, what: `${name} healthy (log: ${logFile})` },
    );
  } catch (error) {
    await service.kill();
    throw error;
  }
  return service;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The users service (the only writer of profiles), as `startServiceProcess` starts it. */
export function startUsersService(
  config: object,
  name = 'users',
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  return startServiceProcess('apps/users/src/main.ts', config, name, env);
}
