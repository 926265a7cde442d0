/**
 * Edit impact benchmark (#18 item 1, `POST /v1/segments/:id/impact`): a saved segment, its
 * members in the membership read model (`segment_memberships`, written here as the worker
 * would: the batch way at one instant), draft rules, and two experiences (the segment alone,
 * and with a second segment). `SegmentImpact` — the service's own computation, with the
 * profile store's and the read model's repositories — answers join / leave / reach twice:
 * exactly (the whole workspace in one pass) and the preview's sliced way (sample buckets
 * within `PREVIEW_BUDGET_MS`, forced whatever the size). The exact answer must equal the same
 * figures computed user by user in-process (every profile and the events counted read, then
 * `evaluate` per user); the sliced one's time, share scanned and error are reported.
 *
 *   npx node -r @swc-node/register bench/segments/impact.bench.ts
 *
 * Env: BENCH_USERS (default 100000; small 2000), BENCH_EVENTS (2000000; small 40000),
 * BENCH_SEED (7), BENCH_RUNS (3; small 2), BENCH_PREVIEW_BUDGET_MS (800), MONGODB_URI
 * (default: a throw-away FerretDB v1.24 started here), BENCH_DB (reuse a database).
 */

import type { SegmentsConfig } from '../../apps/segments/src/config';
import { SegmentImpact } from '../../apps/segments/src/membership/segment-impact';
import { CHUNK_SIZE } from '../../apps/segments/src/membership/member-pager';
import { ReadModelRepository } from '../../apps/segments/src/read-model/read-model.repository';
import {
  DAILY_SIZE_MODEL,
  DailySizeSchema,
  MEMBERSHIP_CHANGE_MODEL,
  MEMBERSHIP_MODEL,
  MembershipChangeSchema,
  type MembershipDocument,
  MembershipSchema,
  RECOMPUTE_MODEL,
  RecomputeSchema,
  SEGMENT_STATE_MODEL,
  SegmentStateSchema,
} from '../../apps/segments/src/read-model/read-model.schemas';

import {
  allMembersOnce,
  buildPlan,
  type CatalogEntry,
  type CompiledSegment,
  compileSegment,
  evaluate,
  type EventDocument,
  type ProfileDocument,
  type SegmentRules,
} from '../../libs/shared/segment-engine/src/index';
import { CUSTOM_ATTRIBUTES } from '../dataset/catalog';
import { FULL_SIZE, SMALL_SIZE } from '../dataset/generate';

import { isSmallRun, reportResult } from '../harness/report-result';
import { BENCH_WORKSPACE, median, openSegmentBenchDb } from './segment-bench-db';

const small = isSmallRun();
const USERS = Number(process.env.BENCH_USERS ?? (small ? SMALL_SIZE.users : FULL_SIZE.users));
const EVENTS = Number(process.env.BENCH_EVENTS ?? (small ? SMALL_SIZE.events : FULL_SIZE.events));
const RUNS = Number(process.env.BENCH_RUNS ?? (small ? 2 : 3));
const BUDGET_MS = Number(process.env.BENCH_PREVIEW_BUDGET_MS ?? 800);
const WORKSPACE = BENCH_WORKSPACE;
const SAVED_ID = 'seg_benchimpactsaved';
const OTHER_ID = 'seg_benchimpactother';
const CATALOG: CatalogEntry[] = CUSTOM_ATTRIBUTES.map(({ source, key, type }) => ({
  source,
  key,
  type,
}));

const invitedInLast = (days: number) => ({
  type: 'event' as const,
  source: 'jimo' as const,
  name: 'Invited teammate',
  occurrence: { operator: 'atLeast' as const, count: 1 },
  period: { type: 'last' as const, amount: days, unit: 'days' as const },
});
/** Saved: active in 30 days, plan pro or team, invited in 90 days. */
const SAVED: SegmentRules = {
  type: 'group',
  operator: 'and',
  conditions: [
    {
      type: 'attribute',
      attribute: 'lastActivityAt',
      operator: 'withinLast',
      value: { amount: 30, unit: 'days' },
    },
    { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'in', value: ['pro', 'team'] },
    invitedInLast(90),
  ],
};
/** Draft: active in 60 days, enterprise too, HubSpot size not 5 (missing passes), invited in 60 days. */
const DRAFT: SegmentRules = {
  type: 'group',
  operator: 'and',
  conditions: [
    {
      type: 'attribute',
      attribute: 'lastActivityAt',
      operator: 'withinLast',
      value: { amount: 60, unit: 'days' },
    },
    {
      type: 'customAttribute',
      source: 'sdk',
      key: 'plan',
      operator: 'in',
      value: ['pro', 'team', 'enterprise'],
    },
    {
      type: 'customAttribute',
      source: 'hubspot',
      key: 'num_employees',
      operator: 'notEquals',
      value: 5,
    },
    invitedInLast(60),
  ],
};
/** The second segment of the second experience. */
const OTHER: SegmentRules = {
  type: 'group',
  operator: 'and',
  conditions: [
    { type: 'attribute', attribute: 'sessions', operator: 'greaterThanOrEqual', value: 20 },
  ],
};

interface Figures {
  join: number;
  leave: number;
  reach: Array<{ before: number; after: number }>;
}

async function main(): Promise<void> {
  const db = await openSegmentBenchDb('bench_impact', { users: USERS, events: EVENTS });
  const { connection, profileModel, eventModel, store } = db;
  try {
    const membershipModel = connection.model(MEMBERSHIP_MODEL, MembershipSchema);
    await membershipModel.createIndexes();
    const readModel = new ReadModelRepository(
      membershipModel as never,
      connection.model(SEGMENT_STATE_MODEL, SegmentStateSchema) as never,
      connection.model(RECOMPUTE_MODEL, RecomputeSchema) as never,
      connection.model(MEMBERSHIP_CHANGE_MODEL, MembershipChangeSchema) as never,
      connection.model(DAILY_SIZE_MODEL, DailySizeSchema) as never,
    );
    const saved = compileSegment(SAVED, { catalog: CATALOG });
    const other = compileSegment(OTHER, { catalog: CATALOG });
    const draft = compileSegment(DRAFT, { catalog: CATALOG });

    // The read model, as the worker leaves it: the batch way at one instant.
    const now = new Date();
    const membersOf = async (compiled: CompiledSegment) => {
      const plan = buildPlan(compiled, { workspaceId: WORKSPACE, now });
      const source = store.dataSource(WORKSPACE);
      return new Set(await allMembersOnce(plan, source, { chunkSize: CHUNK_SIZE }));
    };
    const [savedMembers, otherMembers] = [await membersOf(saved), await membersOf(other)];
    await membershipModel.deleteMany({ workspaceId: WORKSPACE });
    const rows: MembershipDocument[] = [...new Set([...savedMembers, ...otherMembers])].map(
      (userId) => ({
        _id: `${WORKSPACE}:${userId}`,
        workspaceId: WORKSPACE,
        userId,
        segmentIds: [
          ...(savedMembers.has(userId) ? [SAVED_ID] : []),
          ...(otherMembers.has(userId) ? [OTHER_ID] : []),
        ],
        nextChangeAt: null,
        evaluatedAt: now,
        dataAt: null,
      }),
    );
    for (let i = 0; i < rows.length; i += 1_000) {
      await membershipModel.insertMany(rows.slice(i, i + 1_000), { ordered: false });
    }

    // User by user in-process: the same figures, by brute force.
    const byUser = new Map<string, EventDocument[]>();
    for await (const event of eventModel
      .find({ workspaceId: WORKSPACE, source: 'jimo', name: 'Invited teammate' })
      .lean()
      .cursor()) {
      const doc = event as unknown as EventDocument;
      (byUser.get(doc.userId) ?? byUser.set(doc.userId, []).get(doc.userId)!).push(doc);
    }
    const brute: Figures = { join: 0, leave: 0, reach: [] };
    const reach = { aloneBefore: 0, aloneAfter: 0, withOtherBefore: 0, withOtherAfter: 0 };
    for await (const found of profileModel.find({ workspaceId: WORKSPACE }).lean().cursor()) {
      const profile = found as unknown as ProfileDocument;
      const input = { profile, events: byUser.get(profile.userId) ?? [], now };
      const [s, d, o] = [evaluate(saved, input), evaluate(draft, input), evaluate(other, input)];
      if (d && !s) brute.join += 1;
      if (s && !d) brute.leave += 1;
      reach.aloneBefore += Number(s);
      reach.aloneAfter += Number(d);
      reach.withOtherBefore += Number(s || o);
      reach.withOtherAfter += Number(d || o);
    }
    brute.reach = [
      { before: reach.aloneBefore, after: reach.aloneAfter },
      { before: reach.withOtherBefore, after: reach.withOtherAfter },
    ];

    const question = () => ({
      workspaceId: WORKSPACE,
      segmentId: SAVED_ID,
      draft,
      segments: new Map([
        [SAVED_ID, { compiled: saved, ready: true }],
        [OTHER_ID, { compiled: other, ready: true }],
      ]),
      audiences: [[SAVED_ID], [SAVED_ID, OTHER_ID]],
      started: performance.now(),
    });
    const impactOf = (config: Partial<SegmentsConfig>) =>
      new SegmentImpact(config as SegmentsConfig, readModel, store);
    const exactWay = impactOf({ PREVIEW_BUDGET_MS: 600_000, PREVIEW_EXACT_MAX_USERS: 10_000_000 });
    const slicedWay = impactOf({ PREVIEW_BUDGET_MS: BUDGET_MS, PREVIEW_EXACT_MAX_USERS: 0 });
    const figuresOf = (a: Awaited<ReturnType<SegmentImpact['answer']>>): Figures => ({
      join: a.join.count,
      leave: a.leave.count,
      reach: a.reach,
    });

    // `now` differs from the brute force's by the runs' duration: windows here are whole
    // days, so a user would have to cross an edge within the run for the two to differ.
    const exactMs: number[] = [];
    let exact: Figures | undefined;
    for (let run = 0; run < RUNS; run++) {
      const q = question();
      const answer = await exactWay.answer(q);
      exactMs.push(performance.now() - q.started);
      if (answer.share !== 1) throw new Error('the exact way scanned a share');
      exact = figuresOf(answer);
    }
    const slicedMs: number[] = [];
    let sliced: Figures | undefined;
    let scanned = 0;
    for (let run = 0; run < RUNS; run++) {
      const q = question();
      const answer = await slicedWay.answer(q);
      slicedMs.push(performance.now() - q.started);
      sliced = figuresOf(answer);
      scanned = answer.share;
    }
    const agree = JSON.stringify(exact) === JSON.stringify(brute);
    const error = (a: number, b: number) => (b === 0 ? (a === 0 ? 0 : 1) : Math.abs(a - b) / b);
    const joinError = error(sliced!.join, exact!.join);
    const leaveError = error(sliced!.leave, exact!.leave);
    const afterError = Math.max(
      ...sliced!.reach.map((r, i) => error(r.after, exact!.reach[i]!.after)),
    );
    console.log('');
    console.log(`segment impact: ${USERS} users, ${EVENTS} events (${RUNS} runs each)`);
    console.log(`brute force: ${JSON.stringify(brute)}`);
    console.log(`exact way:   ${JSON.stringify(exact)} (${agree ? 'agrees' : 'DISAGREES'})`);
    console.log(`sliced way:  ${JSON.stringify(sliced)} (scanned ${scanned})`);
    console.log(
      `exact ${exactMs.map((ms) => ms.toFixed(0)).join(', ')} ms; sliced (budget ${BUDGET_MS} ms) ` +
        `${slicedMs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
    if (!agree) process.exitCode = 1;
    reportResult(
      {
        impact_exact_ms: median(exactMs),
        impact_sliced_ms: median(slicedMs),
        impact_sliced_scanned: scanned,
        impact_sliced_join_error: joinError,
        impact_sliced_leave_error: leaveError,
        impact_sliced_after_error: afterError,
        join: exact!.join,
        leave: exact!.leave,
        agree: agree ? 1 : 0,
      },
      { dataset: `${USERS} users, ${EVENTS} events`, budget: `${BUDGET_MS} ms` },
    );
  } finally {
    await db.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
