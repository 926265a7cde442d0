// Targeting at a realistic size: GET /v1/users/:userId/experiences over loopback, at a
// fixed arrival rate, against the whole built system (gateway → experiences → segments,
// FerretDB). The workspace is the shared benchmark dataset (bench/dataset: profiles with
// custom attributes of every source, Zipf-distributed events over the last year), loaded
// straight into the profile store; 60 segments mix attribute, event and relative-window
// conditions; 20 published experiences target them. Requests pick users Zipf-distributed
// over all of them (a few very active users, a long tail), so the caches do not hold
// every user the run asks for.
//
//   npx node -r @swc-node/register bench/experiences/targeting.bench.ts
//   env: BENCH_USERS (10000; 1000 with --small), BENCH_RATE (1000 req/s), BENCH_SECONDS
//   (30; 5 with --small), BENCH_ZIPF (1.0: the exponent of the users' activity),
//   BENCH_SATURATION=1 (also step the rate up to find where it saturates), MONGODB_URI
//   (else FerretDB in a temporary folder), BENCH_SKIP_BUILD=1, BENCH_TIMELINE=1.
//
// Printed and reported: the unloaded latency; the cold path on its own (users never asked
// before, 8 at a time: users/s); p50/p99/max at the rate (open loop: latency from each
// request's *scheduled* send time, so queueing shows instead of being hidden by
// coordinated omission); errors by status; and with BENCH_SATURATION the highest rate
// answered with p99 ≤ 50 ms, no errors and ≥ 95 % of the offered rate.
import { Agent, request } from 'node:http';
import { MongoClient } from 'mongodb';
import { CUSTOM_ATTRIBUTES, EVENT_NAMES, PLANS } from '../dataset/catalog';
import { FULL_SIZE, userIdOf } from '../dataset/generate';
import { loadDataset } from '../dataset/load';
import { Random, Zipf } from '../dataset/random';
import { call } from '../harness/api';
import { isSmallRun, reportResult } from '../harness/report-result';
import { type BenchSystem, sleep, startBenchSystem } from '../harness/system';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? (isSmallRun() ? 5 : 30));
const USERS = Number(process.env.BENCH_USERS ?? (isSmallRun() ? 1_000 : 10_000));
const EVENTS = USERS * 20;
const ZIPF = Number(process.env.BENCH_ZIPF ?? 1.0);
const SEGMENTS = 60;
const EXPERIENCES = 20;
/** Users kept apart from the warm-up and the run: the cold path is timed on them. */
const COLD_SAMPLE = Math.min(1_000, Math.floor(USERS / 5));

interface Workspace {
  id: string;
  publicKey: string;
  secretKey: string;
}

/** 60 segments: 20 on attributes, 20 on events (all time), 20 with a relative window. */
function segmentRules(k: number): unknown {
  const group = (operator: 'and' | 'or', conditions: unknown[]) => ({
    type: 'group',
    operator,
    conditions,
  });
  const plan = { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'equals' };
  const numbers = CUSTOM_ATTRIBUTES.filter((a) => a.type === 'number');
  if (k < 20) {
    const attribute = numbers[k % numbers.length];
    return group(k % 2 === 0 ? 'and' : 'or', [
      { ...plan, value: PLANS[k % PLANS.length] },
      {
        type: 'customAttribute',
        source: attribute.source,
        key: attribute.key,
        operator: 'greaterThan',
        value: (k * 37) % 400,
      },
    ]);
  }
  if (k < 40) {
    return group('and', [
      {
        type: 'event',
        source: 'jimo',
        name: EVENT_NAMES[k % 8],
        occurrence: { operator: 'atLeast', count: 1 + (k % 4) },
      },
      { type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value: k % 10 },
    ]);
  }
  return group(k % 2 === 0 ? 'and' : 'or', [
    {
      type: 'attribute',
      attribute: 'lastActivityAt',
      operator: 'withinLast',
      value: { amount: 7 + (k % 60), unit: 'days' },
    },
    {
      type: 'event',
      source: 'jimo',
      name: EVENT_NAMES[k % 8],
      period: { type: 'last', amount: 30, unit: 'days' },
    },
  ]);
}

async function seed(system: BenchSystem): Promise<Workspace> {
  const ws = await call<Workspace>(`${system.url}/v1/workspaces`, 'POST', system.adminToken, {
    name: 'bench targeting',
  });
  const client = await MongoClient.connect(system.mongoUri);
  try {
    const loaded = await loadDataset(client, system.dbName, {
      ...FULL_SIZE,
      users: USERS,
      events: EVENTS,
      experiences: EXPERIENCES,
      segments: SEGMENTS,
      workspaceId: ws.id,
      seed: Number(process.env.BENCH_SEED ?? 7),
      now: new Date(),
    });
    console.log(
      `  dataset   ${loaded.profiles} profiles, ${loaded.events} events in ${loaded.seconds.toFixed(1)} s`,
    );
  } finally {
    await client.close();
  }
  const api = <T>(p: string, method = 'GET', body?: unknown) =>
    call<T>(`${system.url}${p}`, method, ws.secretKey, body);
  const segmentIds: string[] = [];
  for (let k = 0; k < SEGMENTS; k += 1) {
    const segment = await api<{ id: string }>('/v1/segments', 'POST', {
      name: `segment ${k}`,
      rules: segmentRules(k),
    });
    segmentIds.push(segment.id);
  }
  for (let e = 0; e < EXPERIENCES; e += 1) {
    // Two for everyone; each other one for 3 segments of mixed kinds (OR).
    const audience =
      e < 2
        ? { mode: 'all' }
        : { mode: 'segments', segmentIds: [e, e + 20, e + 40].map((k) => segmentIds[k]) };
    const experience = await api<{ id: string }>('/v1/experiences', 'POST', {
      name: `experience ${e}`,
      type: 'announcement',
      steps: [{ id: 's1', kind: 'message' }],
      audience,
    });
    await api(`/v1/experiences/${experience.id}/publish`, 'POST');
  }
  const started = performance.now();
  await readModelReady(api);
  console.log(
    `  read model ${SEGMENTS} segments computed for ${USERS} users in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return ws;
}

/**
 * Targeting answers from the membership read model once the segments worker has computed
 * every segment (steady state: segments are edited now and then, users ask all the time).
 */
async function readModelReady(
  api: <T>(p: string, method?: string, body?: unknown) => Promise<T>,
): Promise<void> {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const page = await api<{ segments: Array<{ sizeStatus: string }> }>('/v1/segments?limit=100');
    if (page.segments.every((segment) => segment.sizeStatus === 'ready')) return;
    if (Date.now() > deadline) throw new Error('the read model did not become ready in 30 min');
    await sleep(1_000);
  }
}

/**
 * The load generator shares the 2 cores with the system it measures: plain `node:http`
 * with kept-alive sockets costs it less CPU per request than `fetch`.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 512 });

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

/** Ranks of the users the run asks for (0 = the most active); the cold sample excluded. */
function userPicker(seedValue: number): () => string {
  const random = new Random(seedValue);
  const zipf = new Zipf(USERS - COLD_SAMPLE, ZIPF);
  return () => userIdOf(zipf.draw(random));
}

interface LoadResult {
  sent: number;
  achievedRate: number;
  p50: number;
  p99: number;
  max: number;
  errorCount: number;
  errors: Record<string, number>;
  distinctUsers: number;
  meanTargeted: number;
}

async function load(
  url: string,
  publicKey: string,
  rate: number,
  seconds: number,
  pick: () => string,
): Promise<LoadResult> {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const bySecond: number[][] = Array.from({ length: Math.ceil(seconds) }, () => []);
  const errors: Record<string, number> = {};
  const asked = new Set<string>();
  let targetedSum = 0;
  const start = performance.now() + 50;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await sleep(wait);
    const userId = pick();
    asked.add(userId);
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
  return {
    sent: total,
    achievedRate: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
    errors,
    distinctUsers: asked.size,
    meanTargeted: targetedSum / Math.max(1, latencies.length),
  };
}

/** Users never asked before, 8 at a time: the whole way through every service. */
async function coldPath(url: string, publicKey: string): Promise<number> {
  let next = USERS - COLD_SAMPLE;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < USERS) {
        const { status } = await get(`${url}/v1/users/${userIdOf(next++)}/experiences`, publicKey);
        if (status !== 200) throw new Error(`cold path answered ${status}`);
      }
    }),
  );
  return COLD_SAMPLE / ((performance.now() - started) / 1000);
}

/** Steps the rate up until the answers stop keeping up; the last rate that did. */
async function saturation(url: string, publicKey: string): Promise<number> {
  let sustained = 0;
  for (const rate of [1000, 1500, 2000, 3000, 4000, 6000]) {
    const result = await load(url, publicKey, rate, 5, userPicker(rate));
    const kept = result.errorCount === 0 && result.p99 <= 50 && result.achievedRate >= 0.95 * rate;
    console.log(
      `  step ${rate} req/s: achieved ${result.achievedRate.toFixed(0)}, p99 ${result.p99.toFixed(1)} ms, errors ${result.errorCount}${kept ? '' : ' (saturated)'}`,
    );
    if (!kept) break;
    sustained = rate;
  }
  return sustained;
}

async function main() {
  const system = await startBenchSystem('targeting');
  try {
    const ws = await seed(system);
    const unloaded: number[] = [];
    const warmPick = userPicker(1);
    for (let i = 0; i < 200; i += 1) {
      const started = performance.now();
      await get(`${system.url}/v1/users/${warmPick()}/experiences`, ws.publicKey);
      unloaded.push(performance.now() - started);
    }
    unloaded.sort((a, b) => a - b);
    console.log(
      `  unloaded  p50 ${percentile(unloaded, 50).toFixed(2)} ms  p99 ${percentile(unloaded, 99).toFixed(2)} ms (one at a time)`,
    );
    const coldUsersPerSecond = await coldPath(system.url, ws.publicKey);
    console.log(
      `  cold path ${coldUsersPerSecond.toFixed(0)} users/s (${COLD_SAMPLE} users never asked before, 8 at a time)`,
    );
    const result = await load(system.url, ws.publicKey, RATE, SECONDS, userPicker(2));
    const fmt = (n: number) => n.toFixed(2);
    console.log(
      `targeting: ${RATE} req/s for ${SECONDS} s, ${EXPERIENCES} published experiences, ` +
        `${SEGMENTS} segments, ${USERS} users (Zipf ${ZIPF}), database ${system.backend}`,
    );
    console.log(
      `  achieved  ${fmt(result.achievedRate)} req/s (${result.sent} requests, ${result.distinctUsers} distinct users)`,
    );
    console.log(
      `  latency   p50 ${fmt(result.p50)} ms  p99 ${fmt(result.p99)} ms  max ${fmt(result.max)} ms`,
    );
    console.log(`  errors    ${result.errorCount} ${JSON.stringify(result.errors)}`);
    console.log(`  targeted  ${fmt(result.meanTargeted)} experiences per answer on average`);
    const saturatedAt = process.env.BENCH_SATURATION
      ? await saturation(system.url, ws.publicKey)
      : undefined;
    if (saturatedAt !== undefined) console.log(`  sustained ${saturatedAt} req/s at most`);
    reportResult(
      {
        targeting_p50_ms: result.p50,
        targeting_p99_ms: result.p99,
        targeting_max_ms: result.max,
        targeting_errors: result.errorCount,
        targeting_achieved_rps: result.achievedRate,
        targeting_cold_users_per_s: coldUsersPerSecond,
        targeting_distinct_users: result.distinctUsers,
        ...(saturatedAt === undefined ? {} : { targeting_sustained_rps: saturatedAt }),
      },
      { rate: String(RATE), seconds: String(SECONDS), users: String(USERS), zipf: String(ZIPF) },
    );
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
