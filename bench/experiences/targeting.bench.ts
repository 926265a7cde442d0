// Targeting under load: GET /v1/users/:userId/experiences over loopback, at a fixed
// arrival rate, against the whole built system (gateway → experiences → segments,
// FerretDB). 50 published experiences whose audiences use 200 segments in all.
//
//   npx node -r @swc-node/register bench/experiences/targeting.bench.ts
//   env: BENCH_RATE (500 req/s), BENCH_SECONDS (30), BENCH_USERS (1000), MONGODB_URI (else
//   FerretDB in a temporary folder), BENCH_SKIP_BUILD=1 (use dist/ as is),
//   BENCH_TIMELINE=1 (latency per second of the run). Before the timed run, every user is
//   asked once (the cold pass, timed and printed): the run measures warm targeting.
//
// Latency is measured from each request's *scheduled* send time (open loop: a slow
// answer does not slow the arrivals, so queueing shows in the figures instead of
// being hidden by coordinated omission).
import { Agent, request } from 'node:http';
import { isSmallRun, reportResult } from '../harness/report-result';
import { type BenchSystem, sleep, startBenchSystem } from '../harness/system';
import { call } from '../harness/api';

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? (isSmallRun() ? 5 : 30));
const USERS = Number(process.env.BENCH_USERS ?? (isSmallRun() ? 200 : 1000));
const EXPERIENCES = 50;
const SEGMENTS = 200;

/** Users with two traits; segment k matches tier t(k % 40) and, for odd k, score > k % 100. */
async function seed(system: BenchSystem) {
  const ws = await call<{ secretKey: string; publicKey: string }>(
    `${system.url}/v1/workspaces`,
    'POST',
    system.adminToken,
    { name: 'bench' },
  );
  const users = Array.from({ length: USERS }, (_, i) => ({
    type: 'identify',
    userId: `user-${i}`,
    traits: { tier: `t${i % 40}`, score: (i * 37) % 100 },
  }));
  for (let i = 0; i < users.length; i += 500) {
    await call(`${system.url}/v1/batch`, 'POST', ws.publicKey, { batch: users.slice(i, i + 500) });
  }
  const api = (p: string, method = 'GET', body?: unknown) =>
    call<Record<string, unknown>>(`${system.url}${p}`, method, ws.secretKey, body);
  // Ingestion is asynchronous: wait for the catalog and every profile.
  for (;;) {
    const attributes = (await api('/v1/attributes')) as unknown as
      Array<{ key: string }> | { attributes?: Array<{ key: string }> };
    const list = Array.isArray(attributes) ? attributes : (attributes.attributes ?? []);
    const keys = new Set(list.map((a) => a.key));
    const page = (await api('/v1/users?limit=1000')) as { items?: unknown[]; users?: unknown[] };
    const count = (page.items ?? page.users ?? []).length;
    if (keys.has('tier') && keys.has('score') && count >= Math.min(USERS, 1000)) break;
    await sleep(200);
  }
  const segmentIds: string[] = [];
  for (let k = 0; k < SEGMENTS; k += 1) {
    const conditions: unknown[] = [
      {
        type: 'customAttribute',
        source: 'sdk',
        key: 'tier',
        operator: 'equals',
        value: `t${k % 40}`,
      },
    ];
    if (k % 2 === 1) {
      conditions.push({
        type: 'customAttribute',
        source: 'sdk',
        key: 'score',
        operator: 'greaterThan',
        value: k % 100,
      });
    }
    const segment = (await api('/v1/segments', 'POST', {
      name: `segment ${k}`,
      rules: { type: 'group', operator: 'and', conditions },
    })) as { id: string };
    segmentIds.push(segment.id);
  }
  for (let e = 0; e < EXPERIENCES; e += 1) {
    const audience =
      e % 10 === 0 || process.env.BENCH_AUDIENCE === 'all'
        ? { mode: 'all' }
        : { mode: 'segments', segmentIds: segmentIds.slice(e * 4, e * 4 + 4) };
    const experience = (await api('/v1/experiences', 'POST', {
      name: `experience ${e}`,
      type: 'announcement',
      steps: [{ id: 's1', kind: 'message' }],
      audience,
    })) as { id: string };
    await api(`/v1/experiences/${experience.id}/publish`, 'POST');
  }
  return ws;
}

/**
 * The load generator shares the 2 cores with the system it measures: plain `node:http`
 * with kept-alive sockets costs it less CPU per request than `fetch`.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function get(url: string, key: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${key}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function load(url: string, publicKey: string) {
  const total = RATE * SECONDS;
  const interval = 1000 / RATE;
  const latencies: number[] = [];
  // Per second of the schedule: where in the run the slow answers were.
  const bySecond: number[][] = Array.from({ length: SECONDS }, () => []);
  const errors: Record<string, number> = {};
  let targetedSum = 0;
  const start = performance.now() + 50;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await sleep(wait);
    // 10% unknown users: they get the `all` experiences only.
    const userId = i % 10 === 9 ? `unknown-${i}` : `user-${(i * 7919) % USERS}`;
    inflight.push(
      get(`${url}/v1/users/${userId}/experiences`, publicKey)
        .then(({ status, body }) => {
          if (status !== 200) {
            errors[String(status)] = (errors[String(status)] ?? 0) + 1;
            return;
          }
          targetedSum += (JSON.parse(body) as { experiences: unknown[] }).experiences.length;
          const latency = performance.now() - scheduled;
          latencies.push(latency);
          bySecond[Math.floor((i * interval) / 1000)]?.push(latency);
        })
        .catch((error: unknown) => {
          const name = error instanceof Error ? error.message : String(error);
          errors[name] = (errors[name] ?? 0) + 1;
        }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  if (process.env.BENCH_TIMELINE) {
    bySecond.forEach((second, index) => {
      second.sort((a, b) => a - b);
      console.log(
        `  second ${index}: p50 ${percentile(second, 50).toFixed(1)} p99 ${percentile(second, 99).toFixed(1)} max ${(second.at(-1) ?? NaN).toFixed(1)} ms`,
      );
    });
  }
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  return {
    sent: total,
    achievedRate: total / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errorCount,
    errors,
    meanTargeted: targetedSum / Math.max(1, latencies.length),
  };
}

async function main() {
  const system = await startBenchSystem('targeting');
  try {
    const ws = await seed(system);
    // Warm-up (connections, caches, JIT), one request at a time: the unloaded latency.
    const unloaded: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const started = performance.now();
      await fetch(`${system.url}/v1/users/user-${i % USERS}/experiences`, {
        headers: { authorization: `Bearer ${ws.publicKey}` },
      }).then((r) => r.text());
      unloaded.push(performance.now() - started);
    }
    unloaded.sort((a, b) => a - b);
    console.log(
      `  unloaded  p50 ${percentile(unloaded, 50).toFixed(2)} ms  p99 ${percentile(unloaded, 99).toFixed(2)} ms (one at a time)`,
    );
    // Cold pass: every known user once (8 at a time), so the timed run measures targeting
    // with warm caches, as a running system serves its active users; its time is printed.
    const coldStarted = performance.now();
    let nextUser = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (nextUser < USERS) {
          const userId = `user-${nextUser++}`;
          await fetch(`${system.url}/v1/users/${userId}/experiences`, {
            headers: { authorization: `Bearer ${ws.publicKey}` },
          }).then((r) => r.text());
        }
      }),
    );
    const coldMs = performance.now() - coldStarted;
    console.log(
      `  cold pass ${USERS} users in ${coldMs.toFixed(0)} ms (${(USERS / (coldMs / 1000)).toFixed(0)} users/s, 8 at a time)`,
    );
    const result = await load(system.url, ws.publicKey);
    const fmt = (n: number) => n.toFixed(2);
    console.log(
      `targeting: ${RATE} req/s for ${SECONDS} s, ${EXPERIENCES} published experiences, ` +
        `${SEGMENTS} segments, ${USERS} users`,
    );
    console.log(`  achieved  ${fmt(result.achievedRate)} req/s (${result.sent} requests)`);
    console.log(
      `  latency   p50 ${fmt(result.p50)} ms  p95 ${fmt(result.p95)} ms  p99 ${fmt(result.p99)} ms  max ${fmt(result.max)} ms`,
    );
    console.log(`  errors    ${result.errorCount} ${JSON.stringify(result.errors)}`);
    console.log(`  targeted  ${fmt(result.meanTargeted)} experiences per answer on average`);
    reportResult(
      {
        targeting_p50_ms: result.p50,
        targeting_p95_ms: result.p95,
        targeting_p99_ms: result.p99,
        targeting_max_ms: result.max,
        targeting_errors: result.errorCount,
        targeting_achieved_rps: result.achievedRate,
        targeting_cold_users_per_s: USERS / (coldMs / 1000),
      },
      { rate: String(RATE), seconds: String(SECONDS), users: String(USERS) },
    );
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
