// One more instance of a built service, started by a suite beside the system of the
// global set-up (same database, bus namespace and admin token), and stopped by it.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { waitFor } from '@seg/testing';

const root = path.resolve(__dirname, '../../../..');

export interface ExtraInstance {
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

/** A second gateway on a port of its own; resolves once its `/health` answers 200. */
export async function startExtraGateway(
  name = 'gateway-2',
  env: Record<string, string> = {},
): Promise<ExtraInstance> {
  const serviceEnv = JSON.parse(process.env['E2E_SERVICE_ENV'] ?? 'null') as Record<
    string,
    string
  > | null;
  if (!serviceEnv)
    throw new Error('E2E_SERVICE_ENV is not set: run through apps/e2e/jest.config.cjs');
  const port = await freePort();
  const logFile = path.join(process.env['E2E_LOG_DIR'] ?? '/tmp', `${name}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/gateway/main.js')], {
    cwd: root,
    env: { ...serviceEnv, ...env, GATEWAY_PORT: String(port) },
    stdio: ['ignore', out, out],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopProcess(child);
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited; see ${logFile}`);
        return (await fetch(`${url}/health`)).ok;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `${name} healthy (log: ${logFile})` },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, logFile, stop };
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
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
