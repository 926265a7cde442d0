/**
 * Per-filter counts benchmark (`POST /v1/segments/filter-counts`, issue 18 item 2): an
 * 8-node rules tree (relative windows, a missing-attribute negation, a nested group, event
 * conditions) over the shared generated workspace, counted the way the segments service
 * counts it (`FilterCountScan` over the profile-store repositories: the event queries once,
 * every profile read once, every node evaluated in process), sample bucket by sample bucket
 * within the preview's 800 ms budget; then the exact figures (every bucket, no budget, and
 * the small-workspace way: one pass over the workspace; every bucket too with
 * BENCH_EVERY_BUCKET=1, the default at full size), compared with a brute force: every profile
 * and its events read once, then for each figure (each node alone, each running total) a full
 * pass of the one-user evaluator (`evaluate`) over every user. All must agree.
 *
 *   npx node -r @swc-node/register bench/segments/filter-counts.bench.ts
 *
 * Env: BENCH_USERS (default 100000; small 2000), BENCH_EVENTS (2000000; small 40000),
 * BENCH_SEED (7), BENCH_RUNS (3; small 2), BENCH_BUDGET_MS (800), BENCH_EVERY_BUCKET, MONGODB_URI (default: a
 * throw-away FerretDB v1.24 started here), BENCH_DB (reuse a database).
 */

import type { SegmentsConfig } from '../../apps/segments/src/config';
import { FilterCountScan } from '../../apps/segments/src/membership/usecases/filter-counts/filter-count-scan';

import {
  type CatalogEntry,
  type Condition,
  compileSegment,
  evaluate,
  type EventDocument,
  type ProfileDocument,
  type RuleGroup,
  type SegmentRules,
} from '../../libs/shared/segment-engine/src/index';
import { CUSTOM_ATTRIBUTES } from '../dataset/catalog';

import { isSmallRun, reportResult } from '../harness/report-result';
import { BENCH_WORKSPACE, median, openSegmentBenchDb, timed } from './segment-bench-db';

const small = isSmallRun();
const USERS = Number(process.env.BENCH_USERS ?? (small ? 2_000 : 100_000));
const EVENTS = Number(process.env.BENCH_EVENTS ?? (small ? 40_000 : 2_000_000));
const RUNS = Number(process.env.BENCH_RUNS ?? (small ? 2 : 3));
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 800);
const EVERY_BUCKET = (process.env.BENCH_EVERY_BUCKET ?? (small ? '0' : '1')) === '1';
const WORKSPACE = BENCH_WORKSPACE;
const CATALOG: CatalogEntry[] = CUSTOM_ATTRIBUTES.map(({ source, key, type }) => ({
  source,
  key,
  type,
}));

type Node = Condition | RuleGroup;
const and = (...conditions: Node[]): RuleGroup => ({ type: 'group', operator: 'and', conditions });
const or = (...conditions: Node[]): RuleGroup => ({ type: 'group', operator: 'or', conditions });

/** 8 nodes: the root, its 5 items, and the 2 filters of the nested or. */
const RULES: SegmentRules = and(
  {
    type: 'attribute',
    attribute: 'lastActivityAt',
    operator: 'withinLast',
    value: { amount: 60, unit: 'days' },
  },
  { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'notEquals', value: 'free' },
  or(
    { type: 'attribute', attribute: 'sessions', operator: 'greaterThanOrEqual', value: 5 },
    {
      type: 'event',
      source: 'jimo',
      name: 'Invited teammate',
      occurrence: { operator: 'atLeast', count: 1 },
      period: { type: 'last', amount: 90, unit: 'days' },
    },
  ),
  {
    type: 'customAttribute',
    source: 'hubspot',
    key: 'num_employees',
    operator: 'greaterThan',
    value: 50,
  },
  {
    type: 'event',
    source: 'jimo',
    name: 'Created project',
    occurrence: { operator: 'notOccurred' },
    period: { type: 'last', amount: 7, unit: 'days' },
  },
);

async function main(): Promise<void> {
  const db = await openSegmentBenchDb('bench_filter_counts', { users: USERS, events: EVENTS });
  const { profileModel, eventModel, store } = db;
  try {
    const scan = (budgetMs: number, exactMaxUsers: number) =>
      new FilterCountScan(
        { PREVIEW_BUDGET_MS: budgetMs, PREVIEW_EXACT_MAX_USERS: exactMaxUsers } as SegmentsConfig,
        store,
      );
    const compiled = compileSegment(RULES, { catalog: CATALOG });
    const sliced = scan(BUDGET_MS, 0); // sliced whatever the size, as at 100k users
    const everyBucket = scan(600_000, 0);
    const onePass = scan(600_000, 10_000_000); // the small-workspace way

    const answerMs: number[] = [];
    let answer: Awaited<ReturnType<FilterCountScan['count']>> | undefined;
    for (let run = 0; run < RUNS; run++) {
      const result = await timed(() => sliced.count(WORKSPACE, compiled));
      answerMs.push(result.ms);
      answer = result.value;
    }
    console.log(`budgeted answers: ${answerMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    const pass = await timed(() => onePass.count(WORKSPACE, compiled));
    console.log(`one pass: ${pass.ms.toFixed(0)} ms`);
    const all = EVERY_BUCKET ? await timed(() => everyBucket.count(WORKSPACE, compiled)) : pass;
    if (EVERY_BUCKET) console.log(`every bucket: ${all.ms.toFixed(0)} ms`);

    // The brute force: every profile and its events read once, then one full pass of the
    // one-user evaluator per figure (each node alone, each running total).
    const read = await timed(async () => {
      const byUser = new Map<string, EventDocument[]>();
      const names = ['Invited teammate', 'Created project'];
      for await (const event of eventModel
        .find({ workspaceId: WORKSPACE, source: 'jimo', name: { $in: names } })
        .lean()
        .cursor()) {
        const doc = event as unknown as EventDocument;
        const list = byUser.get(doc.userId);
        if (list) list.push(doc);
        else byUser.set(doc.userId, [doc]);
      }
      const all: ProfileDocument[] = [];
      for await (const profile of profileModel.find({ workspaceId: WORKSPACE }).lean().cursor()) {
        all.push(profile as unknown as ProfileDocument);
      }
      return { byUser, all };
    });
    const now = new Date(pass.value.asOf);
    const brute = await timed(async () => {
      const out: Array<{ path: string; count: number; runningTotal: number }> = [];
      const members = async (sub: SegmentRules) => {
        const one = compileSegment(sub, { catalog: CATALOG });
        return read.value.all.filter((profile) =>
          evaluate(one, { profile, events: read.value.byUser.get(profile.userId) ?? [], now }),
        ).length;
      };
      const walk = async (node: Node, at: string, parent: RuleGroup | null, index: number) => {
        const count = await members(node.type === 'group' ? node : and(node));
        const runningTotal = parent
          ? await members({ ...parent, conditions: parent.conditions.slice(0, index + 1) })
          : count;
        out.push({ path: at, count, runningTotal });
        if (node.type === 'group') {
          for (const [i, child] of node.conditions.entries()) {
            await walk(child, `${at}.conditions[${i}]`, node, i);
          }
        }
      };
      await walk(RULES, 'rules', null, 0);
      return out;
    });
    const figures = (a: typeof answer) =>
      JSON.stringify(
        a?.filters.map(({ path: p, count, runningTotal }) => ({ path: p, count, runningTotal })),
      );
    const agree =
      all.value.exact &&
      pass.value.exact &&
      figures(all.value) === JSON.stringify(brute.value) &&
      figures(pass.value) === JSON.stringify(brute.value);

    const answerMedian = median(answerMs);
    console.log('');
    console.log(
      `filter counts: ${USERS} users, ${EVENTS} events, ${answer?.filters.length} nodes, FerretDB v1.24`,
    );
    console.log(
      `budgeted answer (${BUDGET_MS} ms): ${answerMs.map((ms) => ms.toFixed(0)).join(', ')} ms; ` +
        `exact ${answer?.exact}, scanned ${answer?.scanned}`,
    );
    console.log(
      `one pass (exact): ${pass.ms.toFixed(0)} ms` +
        (EVERY_BUCKET ? `; every bucket (exact): ${all.ms.toFixed(0)} ms` : ''),
    );
    console.log(
      `brute force: read ${read.ms.toFixed(0)} ms, then ${brute.value.length * 2 - 1} full passes ` +
        `${brute.ms.toFixed(0)} ms; ` +
        `agree: ${agree}`,
    );
    for (const node of all.value.filters) {
      const estimate = answer?.filters.find((n) => n.path === node.path);
      console.log(
        `  ${node.path.padEnd(36)} ${String(node.count).padStart(7)} ${String(node.runningTotal).padStart(7)}` +
          `   estimate ${estimate?.count} ${JSON.stringify(estimate?.interval)}`,
      );
    }
    if (!agree) process.exitCode = 1;
    reportResult(
      {
        answer_ms: answerMedian,
        answer_scanned: answer?.scanned ?? NaN,
        ...(EVERY_BUCKET ? { every_bucket_ms: all.ms } : {}),
        one_pass_ms: pass.ms,
        brute_force_passes_ms: brute.ms,
        nodes: all.value.filters.length,
      },
      { dataset: `${USERS} users, ${EVENTS} events`, agree: String(agree) },
    );
  } finally {
    await db.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
