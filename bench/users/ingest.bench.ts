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
import { isSmallRun, reportResult } from '../harness/report-result';
import { sleep, startBenchSystem } from '../harness/system';
import { call } from '../harness/api';

const SECONDS = Number(process.env.BENCH_SECONDS ?? (isSmallRun() ? 5 : 20));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const USERS = Number(process.env.BENCH_USERS ?? (isSmallRun() ? 200 : 1000));
const BATCH = 500;
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
    const worker = async () => {
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
      setup: `${CONCURRENCY} batches of ${BATCH} in flight, ${USERS} users, ${SECONDS} s, ${system.backend}`,
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
