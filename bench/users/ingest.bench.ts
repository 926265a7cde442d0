// Sustained ingestion through POST /v1/batch over loopback, against the whole
// built system on FerretDB: closed loop, BENCH_CONCURRENCY batches in flight, each
// batch 500 messages (9 track : 1 identify) for BENCH_USERS users, for BENCH_SECONDS.
//
//   npx node -r @swc-node/register bench/users/ingest.bench.ts
//   env: BENCH_SECONDS (20), BENCH_CONCURRENCY (4), BENCH_USERS (1000), MONGODB_URI (else
//   FerretDB in a temporary folder), BENCH_SKIP_BUILD=1 (use dist/ as is)
//
// Figures: accepted events/s (202 = stored durably in the inbox), p50/p99 latency of a
// batch call, applied events/s (until every accepted track is a stored event, read back
// through GET /v1/events), and stored == accepted.
//
// The load is sent with the SDK (`@segplatform/sdk/node`), as a customer's server would:
// one client per batch in flight, `flushAt` = the batch size and one `flush()` per batch, so
// the bench still measures BENCH_CONCURRENCY batches of 500 in flight and each batch's
// latency; the SDK's own batching by time never cuts a batch (its interval is longer than
// the run). Its retries are off (`maxRetries: 0`): a 429 or 5xx is a failed run, never hidden
// by a retry. What the SDK adds to the generator's CPU is what an app pays too (a messageId
// per message, a size check per message). `BENCH_INGEST_CLIENT=http` sends the same batches
// with plain `fetch`, for comparing with figures before the SDK.
// By path: the bench runs under @swc-node/register, which does not map the SDK's aliases.
import { createClient, type Transport } from '../../libs/sdk/src/node';
import { isSmallRun, reportResult } from '../harness/report-result';
import { sleep, startBenchSystem } from '../harness/system';
import { call } from '../harness/api';

const SECONDS = Number(process.env.BENCH_SECONDS ?? (isSmallRun() ? 5 : 20));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const USERS = Number(process.env.BENCH_USERS ?? (isSmallRun() ? 200 : 1000));
const BATCH = 500;
const CLIENT = process.env.BENCH_INGEST_CLIENT === 'http' ? 'http' : 'sdk';
const NAMES = [
  'Viewed dashboard',
  'Invited teammate',
  'Created report',
  'Exported CSV',
  'Ran query',
];

async function main() {
  const system = await startBenchSystem('ingest');
  try {
    const ws = await call<{ secretKey: string; publicKey: string }>(
      `${system.url}/v1/workspaces`,
      'POST',
      system.adminToken,
      { name: 'bench ingest' },
    );
    let sequence = 0;
    let acceptedTracks = 0;
    let acceptedMessages = 0;
    const latencies: number[] = [];
    const makeBatch = () =>
      Array.from({ length: BATCH }, () => {
        const n = sequence++;
        const userId = `user-${(n * 7919) % USERS}`;
        const timestamp = new Date(Date.now() - 3_600_000 + (n % 3_600) * 1_000).toISOString();
        if (n % 10 === 0) {
          return {
            type: 'identify',
            userId,
            timestamp,
            traits: { plan: `p${n % 4}`, seats: n % 50 },
          };
        }
        return {
          type: 'track',
          userId,
          timestamp,
          event: NAMES[n % NAMES.length],
          properties: { n, source: 'bench' },
          messageId: `m-${n}`,
        };
      });
    const started = performance.now();
    const until = started + SECONDS * 1_000;
    const httpWorker = async () => {
      while (performance.now() < until) {
        const batch = makeBatch();
        const t0 = performance.now();
        const answer = await call<{ accepted: number; rejected: unknown[] }>(
          `${system.url}/v1/batch`,
          'POST',
          ws.publicKey,
          { batch },
        );
        latencies.push(performance.now() - t0);
        if (answer.rejected.length > 0) throw new Error('unexpected rejections');
        acceptedMessages += answer.accepted;
        acceptedTracks += batch.filter((message) => message.type === 'track').length;
      }
    };
    const sdkWorker = async () => {
      let accepted = 0;
      const failures: string[] = [];
      // fetch, as the SDK's own transport, keeping the API's `accepted` count of each answer.
      const transport: Transport = async (request) => {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
        });
        const text = await response.text();
        const body: unknown = text === '' ? null : JSON.parse(text);
        const answer = body as { accepted?: number; rejected?: unknown[] } | null;
        if (response.ok && (answer?.rejected?.length ?? 0) > 0) failures.push('rejections');
        accepted += answer?.accepted ?? 0;
        return {
          status: response.status,
          header: (name) => response.headers.get(name),
          json: async () => body,
        };
      };
      // The message's time as the batch generator stamps it (the last hour, as before).
      let stampAt = Date.now();
      const client = createClient({
        writeKey: ws.publicKey,
        host: system.url,
        flushAt: BATCH,
        flushInterval: 3_600_000,
        maxBatchBytes: 1_000_000,
        maxRetries: 0,
        transport,
        clock: {
          now: () => stampAt,
          setTimeout: (callback, ms) => setTimeout(callback, ms),
          clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        },
        onError: (error) => failures.push(`${error.kind} ${error.status ?? ''} ${error.message}`),
      });
      while (performance.now() < until) {
        const batch = makeBatch();
        const t0 = performance.now();
        for (const message of batch) {
          stampAt = Date.parse(message.timestamp);
          if (message.type === 'identify') client.identify(message.userId, message.traits);
          else
            client.track(message.event as string, message.properties, { userId: message.userId });
        }
        await client.flush();
        latencies.push(performance.now() - t0);
        if (failures.length > 0 || client.pending > 0) {
          throw new Error(`batch not accepted: ${failures[0] ?? `${client.pending} left`}`);
        }
        acceptedTracks += batch.filter((message) => message.type === 'track').length;
      }
      await client.close();
      acceptedMessages += accepted;
    };
    const worker = CLIENT === 'sdk' ? sdkWorker : httpWorker;
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const acceptSeconds = (performance.now() - started) / 1_000;

    let stored = 0;
    const drainDeadline = Date.now() + 600_000;
    for (;;) {
      const events = await call<Array<{ count: number }>>(
        `${system.url}/v1/events`,
        'GET',
        ws.secretKey,
      );
      stored = events.reduce((sum, item) => sum + item.count, 0);
      if (stored >= acceptedTracks || Date.now() > drainDeadline) break;
      await sleep(250);
    }
    const appliedSeconds = (performance.now() - started) / 1_000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
    const metrics = {
      accepted_events_per_s: Math.round(acceptedMessages / acceptSeconds),
      applied_events_per_s: Math.round(acceptedMessages / appliedSeconds),
      batch_p50_ms: Math.round(pct(0.5) * 10) / 10,
      batch_p99_ms: Math.round(pct(0.99) * 10) / 10,
      accepted_messages: acceptedMessages,
      accepted_tracks: acceptedTracks,
      stored_events: stored,
      lost_events: acceptedTracks - stored,
    };
    console.table(metrics);
    reportResult(metrics, {
      setup: `${CONCURRENCY} batches of ${BATCH} in flight (${CLIENT === 'sdk' ? 'the SDK' : 'fetch'}), ${USERS} users, ${SECONDS} s, ${system.backend}`,
    });
    if (stored !== acceptedTracks) process.exitCode = 1;
  } finally {
    await system.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
