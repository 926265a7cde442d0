/**
 * Segment preview / count benchmark: a 5-condition segment (one event condition) over a
 * generated workspace inserted straight into the profile store (`profiles`, `events`, with
 * the profile store's own indexes), run the way the segments service runs it (MemberPager
 * over the profile-store repositories: aggregation pipelines in the database), side by side
 * with the same segment evaluated user by user in-process (every profile and the relevant
 * events read, then `evaluate` per user). Both must find the same members. Then the sliced
 * preview ("Preview at any size": the same pipelines one sample bucket at a time within a
 * time budget, `SampledPreview`): its first answer with the default 800 ms budget, and its
 * exact count (every bucket, no budget), which must equal the batch count.
 *
 *   npx node -r @swc-node/register bench/segments/preview.bench.ts
 *
 * Env: BENCH_USERS (default 100000), BENCH_EVENTS (2000000), BENCH_SEED (7), BENCH_RUNS (5),
 * MONGODB_URI (default: a throw-away FerretDB v1.24 started here), BENCH_DB (reuse a
 * database: the dataset is generated only when its size differs).
 */

import type { SegmentsConfig } from '../../apps/segments/src/config';
import { MemberPager } from '../../apps/segments/src/membership/member-pager';
import {
  PREVIEW_COUNT_MODEL,
  PreviewCountRepository,
  PreviewCountSchema,
} from '../../apps/segments/src/membership/preview-count.repository';
import { SampledPreview } from '../../apps/segments/src/membership/sampled-preview';

import {
  type CatalogEntry,
  compileSegment,
  evaluate,
  type EventDocument,
  type ProfileDocument,
  type SegmentRules,
} from '../../libs/shared/segment-engine/src/index';
import { CUSTOM_ATTRIBUTES } from '../dataset/catalog';

import { isSmallRun, reportResult } from '../harness/report-result';
import { BENCH_WORKSPACE, median, openSegmentBenchDb, timed } from './segment-bench-db';

const small = isSmallRun();
const USERS = Number(process.env.BENCH_USERS ?? (small ? 5_000 : 100_000));
const EVENTS = Number(process.env.BENCH_EVENTS ?? (small ? 100_000 : 2_000_000));
const RUNS = Number(process.env.BENCH_RUNS ?? (small ? 2 : 5));
const WORKSPACE = BENCH_WORKSPACE;
/** The catalog entries the segment uses (the shared dataset's own types). */
const CATALOG: CatalogEntry[] = CUSTOM_ATTRIBUTES.map(({ source, key, type }) => ({
  source,
  key,
  type,
}));

/** 5 conditions, one of them an event condition. */
const RULES: SegmentRules = {
  type: 'group',
  operator: 'and',
  conditions: [
    {
      type: 'attribute',
      attribute: 'lastActivityAt',
      operator: 'withinLast',
      value: { amount: 30, unit: 'days' },
    },
    {
      type: 'customAttribute',
      source: 'sdk',
      key: 'plan',
      operator: 'in',
      value: ['pro', 'team'],
    },
    { type: 'attribute', attribute: 'sessions', operator: 'greaterThanOrEqual', value: 3 },
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
      name: 'Invited teammate',
      occurrence: { operator: 'atLeast', count: 1 },
      period: { type: 'last', amount: 90, unit: 'days' },
    },
  ],
};

async function main(): Promise<void> {
  const db = await openSegmentBenchDb('bench_segments', { users: USERS, events: EVENTS });
  const { connection, profileModel, eventModel, store } = db;
  try {
    const pager = new MemberPager(store);
    const countModel = connection.model(PREVIEW_COUNT_MODEL, PreviewCountSchema);
    // As the service's start-up does (autoIndex): the collection and its index exist before
    // the first count (creating a FerretDB collection on first insert costs a table and indexes).
    await countModel.createIndexes();
    const counts = new PreviewCountRepository(countModel as never);
    // Sliced whatever the size (the service previews small workspaces exactly in one pass).
    const sampled = (budgetMs: number): SampledPreview =>
      new SampledPreview(
        { PREVIEW_BUDGET_MS: budgetMs, PREVIEW_EXACT_MAX_USERS: 0 } as SegmentsConfig,
        store,
        pager,
        counts,
      );
    const sliced = sampled(Number(process.env.BENCH_PREVIEW_BUDGET_MS ?? 800));
    const compiled = compileSegment(RULES, { catalog: CATALOG });

    // One instant for every way, so that relative windows (last 30 days) are the same: runs
    // take minutes at full size, and users near a window's edge would otherwise differ.
    const now = new Date();
    const previewMs: number[] = [];
    const countMs: number[] = [];
    let count = 0;
    let firstPage: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const preview = await timed(() => pager.preview(WORKSPACE, compiled, 50, undefined, now));
      previewMs.push(preview.ms);
      count = preview.value.count;
      firstPage = preview.value.users.map((user) => user.userId);
      countMs.push((await timed(() => pager.count(WORKSPACE, compiled, now))).ms);
    }

    // The sliced preview: its first answer within the budget, then its exact count as the
    // background finishes it (`GET /v1/segments/counts/:countId`, polled every 50 ms), timed
    // from the request. Its own instant (it takes no `now`): compared with a batch count
    // made right after.
    const firstMs: number[] = [];
    const exactMs: number[] = [];
    let first: Awaited<ReturnType<SampledPreview['preview']>> | undefined;
    let slicedExact = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const answer = await timed(() => sliced.preview(WORKSPACE, compiled, 50, undefined));
      firstMs.push(answer.ms);
      first = answer.value;
      slicedExact = first.count;
      const countId = first.countId;
      if (countId !== undefined) {
        for (;;) {
          const state = await sliced.count(WORKSPACE, countId);
          if (state.status === 'failed') throw new Error(`count ${countId} failed`);
          if (state.status === 'done') {
            slicedExact = state.count;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      exactMs.push(performance.now() - started);
    }
    const batchNow = await pager.count(WORKSPACE, compiled);
    const slicedAgrees = slicedExact === batchNow;

    // User by user in-process: read every profile and the events the segment counts, then
    // evaluate each user (what a service without pipelines would do).
    const load = await timed(async () => {
      const byUser = new Map<string, EventDocument[]>();
      const cursor = eventModel
        .find({ workspaceId: WORKSPACE, source: 'jimo', name: 'Invited teammate' })
        .lean()
        .cursor();
      for await (const event of cursor) {
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
    const inProcess = await timed(async () => {
      const members: string[] = [];
      for (const profile of load.value.all) {
        const events = load.value.byUser.get(profile.userId) ?? [];
        if (evaluate(compiled, { profile, events, now })) members.push(profile.userId);
      }
      return members.sort();
    });
    const agree =
      inProcess.value.length === count &&
      firstPage.every((id, index) => inProcess.value[index] === id);

    const previewMedian = median(previewMs);
    const countMedian = median(countMs);
    const userByUserMs = load.ms + inProcess.ms;
    console.log('');
    console.log(
      `segments preview: ${USERS} users, ${EVENTS} events, FerretDB v1.24 (${RUNS} runs)`,
    );
    console.log(`members: ${count}; batch and user-by-user agree: ${agree}`);
    console.log('| way                                   | ms (median) |');
    console.log('| ------------------------------------- | ----------- |');
    console.log(
      `| preview (count + first page of 50)    | ${previewMedian.toFixed(0).padStart(11)} |`,
    );
    console.log(
      `| count                                 | ${countMedian.toFixed(0).padStart(11)} |`,
    );
    console.log(`| user by user: read profiles + events  | ${load.ms.toFixed(0).padStart(11)} |`);
    console.log(
      `| user by user: evaluate in-process     | ${inProcess.ms.toFixed(0).padStart(11)} |`,
    );
    console.log(
      `| user by user: total                   | ${userByUserMs.toFixed(0).padStart(11)} |`,
    );
    console.log(
      `ratio user-by-user / preview: ${(userByUserMs / previewMedian).toFixed(1)}x; ` +
        `preview ≤ 1 s: ${previewMedian <= 1_000 ? 'met' : 'not met'}`,
    );
    console.log(
      `sliced preview runs: first answer ${firstMs.map((ms) => ms.toFixed(0)).join(', ')} ms; ` +
        `exact count ${exactMs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
    const firstMedian = median(firstMs);
    const exactMedian = median(exactMs);
    console.log(
      `sliced preview: first answer ${firstMedian.toFixed(0)} ms (exact: ${first?.exact}, ` +
        `scanned ${first?.scanned}, count ${first?.count}, interval ${JSON.stringify(first?.interval)}); ` +
        `exact count over every bucket ${exactMedian.toFixed(0)} ms = ${slicedExact} ` +
        `(batch count ${batchNow}: ${slicedAgrees ? 'agree' : 'DISAGREE'})`,
    );
    if (!agree || !slicedAgrees) process.exitCode = 1;
    reportResult(
      {
        preview_ms: previewMedian,
        count_ms: countMedian,
        sliced_first_answer_ms: firstMedian,
        sliced_first_scanned: first?.scanned ?? NaN,
        sliced_exact_count_ms: exactMedian,
        user_by_user_ms: userByUserMs,
        user_by_user_eval_ms: inProcess.ms,
        ratio_user_by_user_vs_preview: userByUserMs / previewMedian,
        members: count,
      },
      {
        dataset: `${USERS} users, ${EVENTS} events`,
        agree: String(agree),
        sliced_agrees: String(slicedAgrees),
        sliced_first_exact: String(first?.exact),
      },
    );
  } finally {
    await db.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
