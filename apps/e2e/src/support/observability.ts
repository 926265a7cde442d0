// Helpers of the observability suites: Prometheus scrapes of the running processes, a small
// OTLP/HTTP receiver (a real HTTP server collecting what the exporters send), and a system
// of its own (own bus namespace and database) started with tracing on.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { connect } from 'amqplib';
import { MongoClient } from 'mongodb';
import { waitFor } from '@seg/testing';

const root = path.resolve(__dirname, '../../../..');

/** One sample of a scrape: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus' text format (what prom-client writes), samples only. */
export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`Not a Prometheus sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(
      /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g,
    )) {
      labels[key as string] = (value as string).replace(/\\(.)/g, (_, c: string) =>
        c === 'n' ? '\n' : c,
      );
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

export async function scrape(url: string): Promise<Sample[]> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return parsePrometheus(await response.text());
}

/** The value of the one sample named `name` whose labels include `labels` (0 when none). */
export function valueOf(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** The metrics URL a process logged at start-up (`"<name> started"` line, `metricsUrl`). */
export async function metricsUrlOf(logFile: string): Promise<string> {
  return waitFor(
    async () => {
      for (const line of (await readFile(logFile, 'utf8')).split('\n')) {
        if (!line.includes('"metricsUrl"')) continue;
        const entry = JSON.parse(line) as { metricsUrl?: unknown };
        if (typeof entry.metricsUrl === 'string') return entry.metricsUrl;
      }
      return undefined;
    },
    { timeoutMs: 30_000, what: `metricsUrl in ${logFile}` },
  );
}

/** A span as OTLP/JSON carries it, with the service that exported it. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

export interface OtlpReceiver {
  endpoint: string;
  spans: ReceivedSpan[];
  /** Content types of the exports received (the HTTP exporter sends JSON). */
  contentTypes: string[];
  close(): Promise<void>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpExport {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: OtlpAttribute[];
      }>;
    }>;
  }>;
}

function attributesOf(list: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(
    list.map(({ key, value }) => [
      key,
      value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue,
    ]),
  );
}

/** An OTLP/HTTP trace receiver on a free port: `POST /v1/traces` with a JSON export. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const contentTypes: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      contentTypes.push(String(request.headers['content-type']));
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        return void response.writeHead(404).end();
      }
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
        for (const resourceSpans of body.resourceSpans ?? []) {
          const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
          for (const scope of resourceSpans.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({
                service,
                traceId: span.traceId,
                spanId: span.spanId,
                ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
                name: span.name,
                kind: span.kind,
                attributes: attributesOf(span.attributes),
              });
            }
          }
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface OwnProcess {
  name: string;
  logFile: string;
  child: ChildProcess;
}

export interface OwnSystem {
  gatewayUrl: string;
  /** Each process's internal HTTP base (health, metrics); the gateway's is its metrics listener. */
  ports: Record<string, number>;
  env: Record<string, string>;
  processes: OwnProcess[];
  stop(): Promise<void>;
}

/**
 * Some of the built services, started with `env` on top of the global set-up's, in a bus
 * namespace and database of their own (the global system's instances would otherwise take
 * their messages), with explicit ports. Resolves once every process answers HTTP.
 */
export async function startOwnSystem(
  processes: Array<[name: string, bundle: string]>,
  env: Record<string, string>,
): Promise<OwnSystem> {
  const base = JSON.parse(process.env['E2E_SERVICE_ENV'] ?? 'null') as Record<
    string,
    string
  > | null;
  if (!base) throw new Error('E2E_SERVICE_ENV is not set: run through apps/e2e/jest.config.cjs');
  const id = randomBytes(4).toString('hex');
  const shared = {
    ...base,
    BUS_PREFIX: `e2eobs_${id}`,
    MONGODB_DB: `e2eobs_${id}`,
    ...env,
  };
  const ports: Record<string, number> = {};
  const started: OwnProcess[] = [];
  let gatewayUrl = '';
  for (const [name, bundle] of processes) {
    const port = await freePort();
    ports[name] = port;
    const own: Record<string, string> = { HEALTH_PORT: String(port) };
    if (name === 'gateway') {
      const apiPort = await freePort();
      gatewayUrl = `http://127.0.0.1:${apiPort}`;
      Object.assign(own, { GATEWAY_PORT: String(apiPort), METRICS_PORT: String(port) });
    }
    const logFile = path.join(process.env['E2E_LOG_DIR'] ?? '/tmp', `obs-${id}-${name}.log`);
    const child = spawn(process.execPath, [path.join(root, 'dist/apps', bundle)], {
      cwd: root,
      env: { ...shared, ...own },
      stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')],
    });
    started.push({ name, logFile, child });
  }
  const stop = async () => {
    await Promise.all(started.map(({ child }) => stopProcess(child)));
    await deleteNamespace(
      shared,
      processes.map(([name]) => name),
    );
  };
  try {
    for (const { name, logFile, child } of started) {
      const url =
        name === 'gateway' ? `${gatewayUrl}/health` : `http://127.0.0.1:${ports[name]}/health`;
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`${name} exited; see ${logFile}`);
          // The gateway's /health asks every service (not all run here): any answer will do.
          const response = await fetch(url);
          return name === 'gateway' ? true : response.ok;
        },
        { timeoutMs: 180_000, intervalMs: 200, what: `${name} up (log: ${logFile})` },
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl, ports, env: shared, processes: started, stop };
}

async function deleteNamespace(env: Record<string, string>, names: string[]): Promise<void> {
  const connection = await connect(env['RABBITMQ_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672');
  try {
    const channel = await connection.createChannel();
    for (const name of [...names, 'dead'])
      await channel.deleteQueue(`${env['BUS_PREFIX']}.${name}`);
    await channel.deleteExchange(`${env['BUS_PREFIX']}.bus`);
    await channel.deleteExchange(`${env['BUS_PREFIX']}.dead`);
  } finally {
    await connection.close();
  }
  const client = new MongoClient(env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/');
  try {
    await client.connect();
    await client.db(env['MONGODB_DB']).dropDatabase();
  } finally {
    await client.close();
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
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
