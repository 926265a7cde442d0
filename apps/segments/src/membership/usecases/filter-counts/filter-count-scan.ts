import { Inject, Injectable } from '@nestjs/common';
import type { ResponseOf } from '@seg/contracts';
import { APP_CONFIG } from '@seg/platform';
import { SAMPLE_BUCKETS } from '@seg/profile-store';
import {
  buildPlan,
  type CompiledSegment,
  estimateFromSample,
  FilterCounter,
  type ExecutionPlan,
  positiveFromHits,
  type SegmentDataSource,
} from '@seg/segment-engine';
import type { SegmentsConfig } from '../../../config';
import { MemberStore } from '../../../reads/member-store';

export type FilterCountsAnswer = ResponseOf<'segments.filters.count'>;

/**
 * Per-filter counts in one pass over the users (api.md "Preview at any size" rules): the
 * segment's event queries (the batch way's pipelines, `findEventHits`) say which event
 * conditions hold for whom; each profile is then read once and every node of the rules is
 * evaluated for it in process (`FilterCounter`, the compiled tree's own leaves). Small
 * workspaces (at most `PREVIEW_EXACT_MAX_USERS` users, or any until the sample buckets are
 * backfilled) in one pass over the workspace; others one sample bucket at a time until all
 * 100 are scanned or `PREVIEW_BUDGET_MS` has passed (at least one bucket): then every figure
 * is found / share scanned, `exact: false`. No background count: the next Apply filters asks
 * again.
 */
@Injectable()
export class FilterCountScan {
  constructor(
    @Inject(APP_CONFIG) private readonly config: SegmentsConfig,
    private readonly store: MemberStore,
  ) {}

  async count(workspaceId: string, compiled: CompiledSegment): Promise<FilterCountsAnswer> {
    // The budget is for the whole answer, the size check included.
    const started = performance.now();
    const now = new Date();
    const source = this.store.dataSource(workspaceId);
    const counter = new FilterCounter(compiled);
    if (await this.isSmall(workspaceId)) {
      await this.scan(counter, workspaceId, compiled, now, source, undefined);
      return answerOf(counter, 1, now);
    }
    const deadline = started + this.config.PREVIEW_BUDGET_MS;
    const scanStarted = performance.now();
    let scanned = 0;
    while (scanned < SAMPLE_BUCKETS) {
      await this.scan(counter, workspaceId, compiled, now, source, scanned);
      scanned += 1;
      // As the preview: stop when the next bucket would likely end past the budget.
      const at = performance.now();
      if (at + (at - scanStarted) / scanned > deadline) break;
    }
    return answerOf(counter, scanned / SAMPLE_BUCKETS, now);
  }

  private async isSmall(workspaceId: string): Promise<boolean> {
    if (!(await this.store.bucketsReady())) return true;
    const max = this.config.PREVIEW_EXACT_MAX_USERS;
    return (await this.store.countUsersUpTo(workspaceId, max)) <= max;
  }

  /** Adds the users of one bucket (undefined: the whole workspace) to the counter. */
  private async scan(
    counter: FilterCounter,
    workspaceId: string,
    compiled: CompiledSegment,
    now: Date,
    source: SegmentDataSource,
    sampleBucket: number | undefined,
  ): Promise<void> {
    const plan = buildPlan(compiled, {
      workspaceId,
      now,
      ...(sampleBucket === undefined ? {} : { sampleBucket }),
    });
    // The profiles' `$match` is top-level equalities only (workspace, bucket): pushed down.
    const match: Record<string, unknown> = { workspaceId };
    if (sampleBucket !== undefined) match['sampleBucket'] = sampleBucket;
    // The event queries and the profiles' read at once (findEventHits runs them one by one).
    const [hits, profiles] = await Promise.all([
      eventHits(plan, source),
      source.aggregateProfiles([{ $match: match }]),
    ]);
    const nowMs = now.getTime();
    for await (const profile of profiles) {
      const userId = typeof profile['userId'] === 'string' ? profile['userId'] : '';
      counter.add(profile, nowMs, positiveFromHits(compiled, hits.get(userId)));
    }
  }
}

/** userId → indexes of the plan's event queries that found the user (as `findEventHits`). */
async function eventHits(
  plan: ExecutionPlan,
  source: SegmentDataSource,
): Promise<Map<string, number[]>> {
  const found = await Promise.all(
    plan.eventQueries.map(async (query) => {
      const ids: string[] = [];
      for await (const doc of await source.aggregateEvents(query.pipeline)) {
        if (typeof doc['_id'] === 'string') ids.push(doc['_id']);
      }
      return ids;
    }),
  );
  const hits = new Map<string, number[]>();
  found.forEach((ids, index) => {
    for (const userId of ids) {
      const list = hits.get(userId);
      if (list) list.push(index);
      else hits.set(userId, [index]);
    }
  });
  return hits;
}

function answerOf(counter: FilterCounter, share: number, now: Date): FilterCountsAnswer {
  const tallies = counter.tallies();
  const exact = share === 1;
  return {
    users: exact ? tallies.users : estimateFromSample(tallies.users, share).estimate,
    filters: tallies.nodes.map((node) => {
      if (exact) return node;
      const own = estimateFromSample(node.count, share);
      return {
        ...node,
        count: own.estimate,
        runningTotal: estimateFromSample(node.runningTotal, share).estimate,
        interval: own.interval,
      };
    }),
    emptiedBy: tallies.emptiedBy,
    exact,
    scanned: share,
    asOf: now.toISOString(),
  };
}
