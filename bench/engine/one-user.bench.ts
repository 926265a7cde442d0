/**
 * One-user evaluation benchmark: 200 segments × 6 attribute conditions per user, against
 * GrowthBook's evalCondition and json-rules-engine on equivalent rules, in the same run.
 *
 *   npx node -r @swc-node/register bench/engine/one-user.bench.ts
 *
 * Env: BENCH_USERS (default 2000), BENCH_SEGMENTS (200), BENCH_SEED (42).
 */
import { evalCondition } from '@growthbook/growthbook';
import { Engine } from 'json-rules-engine';
import {
  compileSegment,
  type CatalogEntry,
  type Condition,
  evaluateMany,
  type ProfileDocument,
  type SegmentRules,
  summarizeInteractions,
} from '../../libs/shared/segment-engine/src/index';
import { reportResult } from '../harness/report-result';

const USERS = Number(process.env.BENCH_USERS ?? 2000);
const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 200);
let seed = Number(process.env.BENCH_SEED ?? 42);
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (n: number) => Math.floor(rand() * n);

const NOW = new Date('2026-06-15T12:00:00.000Z');
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const TAGS = ['vip', 'beta', 'churn-risk', 'admin', 'trial'];
const CATALOG: CatalogEntry[] = [
  { source: 'sdk', key: 'plan', type: 'string' },
  { source: 'sdk', key: 'score', type: 'number' },
  { source: 'sdk', key: 'active', type: 'boolean' },
  { source: 'hubspot', key: 'employees', type: 'number' },
];

// Each condition in three equivalent forms (data is lowercase, so case-insensitive and
// case-sensitive string equality agree on it).
interface Triple {
  ours: Condition;
  gb: Record<string, unknown>;
  jre: Record<string, unknown>;
}
const makers: Array<() => Triple> = [
  () => {
    const v = int(20);
    return {
      ours: { type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value: v },
      gb: { sessions: { $gt: v } },
      jre: { fact: 'sessions', operator: 'greaterThan', value: v },
    };
  },
  () => {
    const v = int(100);
    return {
      ours: {
        type: 'customAttribute',
        source: 'sdk',
        key: 'score',
        operator: 'lessThanOrEqual',
        value: v,
      },
      gb: { 'custom.sdk.score': { $lte: v } },
      jre: { fact: 'score', operator: 'lessThanInclusive', value: v },
    };
  },
  () => {
    const v = [pick(PLANS), pick(PLANS)];
    return {
      ours: { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'in', value: v },
      gb: { 'custom.sdk.plan': { $in: v } },
      jre: { fact: 'plan', operator: 'in', value: v },
    };
  },
  () => {
    const v = pick(TAGS);
    return {
      ours: { type: 'attribute', attribute: 'tags', operator: 'contains', value: v },
      gb: { tags: { $elemMatch: { $eq: v } } },
      jre: { fact: 'tags', operator: 'contains', value: v },
    };
  },
  () => ({
    ours: { type: 'customAttribute', source: 'sdk', key: 'active', operator: 'isTrue' },
    gb: { 'custom.sdk.active': true },
    jre: { fact: 'active', operator: 'equal', value: true },
  }),
  () => {
    const v = int(500);
    return {
      ours: {
        type: 'customAttribute',
        source: 'hubspot',
        key: 'employees',
        operator: 'greaterThanOrEqual',
        value: v,
      },
      gb: { 'custom.hubspot.employees': { $gte: v } },
      jre: { fact: 'employees', operator: 'greaterThanInclusive', value: v },
    };
  },
];

// Segment shape: AND of 3 conditions and an OR group of 3.
const segments = Array.from({ length: SEGMENTS }, () => {
  const t = Array.from({ length: 6 }, () => pick(makers)());
  const rules: SegmentRules = {
    type: 'group',
    operator: 'and',
    conditions: [
      t[0].ours,
      t[1].ours,
      t[2].ours,
      { type: 'group', operator: 'or', conditions: [t[3].ours, t[4].ours, t[5].ours] },
    ],
  };
  const gb = { $and: [t[0].gb, t[1].gb, t[2].gb], $or: [t[3].gb, t[4].gb, t[5].gb] };
  const jre = { all: [t[0].jre, t[1].jre, t[2].jre, { any: [t[3].jre, t[4].jre, t[5].jre] }] };
  return { rules, gb, jre };
});

const users: ProfileDocument[] = Array.from({ length: USERS }, (_, i) => ({
  workspaceId: 'ws',
  userId: `user_${i}`,
  name: `user ${i}`,
  email: `user${i}@example.com`,
  createdAt: new Date(NOW.getTime() - int(400) * 86_400_000),
  lastActivityAt: new Date(NOW.getTime() - int(30) * 86_400_000),
  sessions: int(40),
  tags: TAGS.filter(() => rand() < 0.35),
  custom: {
    sdk: { plan: pick(PLANS), score: int(100), active: rand() < 0.5 },
    hubspot: { employees: int(1000) },
  },
  experiences: summarizeInteractions([]),
}));

function stats(label: string, samplesNs: number[]) {
  const sorted = [...samplesNs].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  const total = samplesNs.reduce((a, b) => a + b, 0) / 1e9;
  const opsPerSec = samplesNs.length / total;
  return { label, p50: q(0.5), p99: q(0.99), opsPerSec };
}

async function main() {
  const compiled = segments.map((s) => compileSegment(s.rules, { catalog: CATALOG }));

  const engine = new Engine([], { allowUndefinedFacts: true });
  segments.forEach((s, i) =>
    engine.addRule({ conditions: s.jre as never, event: { type: `seg_${i}` } }),
  );
  const jreFacts = (u: ProfileDocument) => ({
    sessions: u.sessions,
    tags: u.tags,
    plan: u.custom.sdk?.plan,
    score: u.custom.sdk?.score,
    active: u.custom.sdk?.active,
    employees: u.custom.hubspot?.employees,
  });

  const ours = (u: ProfileDocument) => evaluateMany(compiled, { profile: u, now: NOW });
  const growthbook = (u: ProfileDocument) =>
    segments.map((s) => evalCondition(u as unknown as Record<string, unknown>, s.gb as never));
  const rulesEngine = async (u: ProfileDocument) => {
    const { events } = await engine.run(jreFacts(u));
    const hit = new Set(events.map((e) => e.type));
    return segments.map((_, i) => hit.has(`seg_${i}`));
  };

  // Sanity: the three agree (every user; json-rules-engine on the first 500).
  let members = 0;
  for (const [i, u] of users.entries()) {
    const a = ours(u);
    const b = growthbook(u);
    const c = i < 500 ? await rulesEngine(u) : a;
    if (JSON.stringify(a) !== JSON.stringify(b) || JSON.stringify(a) !== JSON.stringify(c)) {
      throw new Error(`results differ for ${u.userId}`);
    }
    members += a.filter(Boolean).length;
  }

  const timeSync = (fn: (u: ProfileDocument) => unknown) => {
    for (let r = 0; r < 2; r++) for (const u of users) fn(u); // warm-up
    const samples: number[] = [];
    for (let r = 0; r < 3; r++) {
      for (const u of users) {
        const t0 = process.hrtime.bigint();
        fn(u);
        samples.push(Number(process.hrtime.bigint() - t0));
      }
    }
    return samples;
  };
  // json-rules-engine is ~100× slower: time it on the first 500 users only.
  const timeAsync = async (fn: (u: ProfileDocument) => Promise<unknown>) => {
    const some = users.slice(0, 500);
    for (const u of some) await fn(u);
    const samples: number[] = [];
    for (const u of some) {
      const t0 = process.hrtime.bigint();
      await fn(u);
      samples.push(Number(process.hrtime.bigint() - t0));
    }
    return samples;
  };

  const results = [
    stats('segment-engine', timeSync(ours)),
    stats('growthbook evalCondition', timeSync(growthbook)),
    stats('json-rules-engine', await timeAsync(rulesEngine)),
  ];
  console.log(
    `one-user evaluation: ${SEGMENTS} segments × 6 conditions, ${USERS} users (${members} memberships, all three agree)`,
  );
  console.log('engine                      users/s      p50 ms    p99 ms');
  for (const r of results) {
    console.log(
      `${r.label.padEnd(26)} ${r.opsPerSec.toFixed(0).padStart(9)} ${r.p50.toFixed(4).padStart(10)} ${r.p99.toFixed(4).padStart(9)}`,
    );
  }
  const [mine, ...peers] = results;
  for (const p of peers) {
    console.log(
      `segment-engine vs ${p.label}: ${(mine.opsPerSec / p.opsPerSec).toFixed(1)}× throughput, ${(p.p99 / mine.p99).toFixed(1)}× lower p99`,
    );
  }
  const fastestPeer = Math.max(...peers.map((p) => p.opsPerSec));
  console.log(
    `goal p99 ≤ 1 ms: ${mine.p99 <= 1 ? 'met' : 'NOT met'} (${mine.p99.toFixed(4)} ms); goal ≥ 2× faster peer: ${
      mine.opsPerSec >= 2 * fastestPeer ? 'met' : 'NOT met'
    } (${(mine.opsPerSec / fastestPeer).toFixed(1)}×)`,
  );
  const [growthbookResult, jreResult] = peers;
  reportResult({
    engine_users_per_s: mine.opsPerSec,
    engine_p50_ms: mine.p50,
    engine_p99_ms: mine.p99,
    growthbook_users_per_s: growthbookResult.opsPerSec,
    growthbook_p99_ms: growthbookResult.p99,
    json_rules_engine_users_per_s: jreResult.opsPerSec,
    json_rules_engine_p99_ms: jreResult.p99,
    ratio_vs_fastest_peer: mine.opsPerSec / fastestPeer,
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
