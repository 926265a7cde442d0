import type { Filter } from '../compile/field-predicate';
import type { ExecutionPlan } from './build-plan';
import {
  type AggregateResult,
  collect,
  type Doc,
  iterate,
  type SegmentDataSource,
} from './data-source';
import { compareUserIds } from './order';
import type { FilterOrConstant } from './to-filter';

export interface ExecuteOptions {
  /** Most userIds in one `$in` (keeps every command far below 16 MB). Default 5000. */
  chunkSize?: number;
}

export interface ListOptions extends ExecuteOptions {
  /** Page size (1–10000). */
  limit: number;
  /** Cursor: return userIds strictly after this one (the previous page's `nextCursor`). */
  after?: string | null;
}

export interface MemberPage {
  /** Members' userIds in ascending (binary) order. */
  userIds: string[];
  /** Pass as `after` for the next page; null when this page is the last. */
  nextCursor: string | null;
}

const DEFAULT_CHUNK = 5000;

/** userId → indexes of the event queries (sorted) whose positive form holds for the user. */
export async function findEventHits(
  plan: ExecutionPlan,
  source: SegmentDataSource,
): Promise<Map<string, number[]>> {
  const hits = new Map<string, number[]>();
  for (let i = 0; i < plan.eventQueries.length; i++) {
    for await (const doc of iterate(source.aggregateEvents(plan.eventQueries[i].pipeline))) {
      const userId = doc._id;
      if (typeof userId !== 'string') continue;
      const list = hits.get(userId);
      if (list) list.push(i);
      else hits.set(userId, [i]);
    }
  }
  return hits;
}

function groupBySignature(
  userIds: Iterable<string>,
  hits: Map<string, number[]>,
): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const id of userIds) {
    const sig = hits.get(id)!.join(',');
    const g = groups.get(sig);
    if (g) g.push(id);
    else groups.set(sig, [id]);
  }
  return groups;
}

function signatureSet(sig: string): Set<number> {
  return new Set(sig === '' ? [] : sig.split(',').map(Number));
}

/** Where a plan's profile pipelines look: the workspace, and maybe one sample bucket. */
type PlanScope = Pick<ExecutionPlan, 'workspaceId' | 'sampleBucket'>;

/**
 * The `$match` of a profile pipeline: workspace (and sample bucket) first, then the filter
 * and the user condition.
 */
function profileMatch(scope: PlanScope, filter: Filter | true, userId?: unknown): Filter {
  const match: Filter = { workspaceId: scope.workspaceId };
  if (scope.sampleBucket !== undefined) match.sampleBucket = scope.sampleBucket;
  if (userId !== undefined) match.userId = userId;
  if (filter !== true) match.$and = [filter];
  return match;
}

async function countProfiles(source: SegmentDataSource, match: Filter): Promise<number> {
  const [doc] = await collect(source.aggregateProfiles([{ $match: match }, { $count: 'n' }]));
  return typeof doc?.n === 'number' ? doc.n : 0;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Number of members of the segment in the plan's workspace. */
export async function countMembers(
  plan: ExecutionPlan,
  source: SegmentDataSource,
  options: ExecuteOptions = {},
): Promise<number> {
  const size = options.chunkSize ?? DEFAULT_CHUNK;
  const hits = await findEventHits(plan, source);
  const ws = plan;
  let total = 0;
  if (plan.baseFilter !== false) {
    total += await countProfiles(source, profileMatch(ws, plan.baseFilter));
    // Users found by an event query were counted with the wrong event values: take them out.
    for (const chunk of chunks([...hits.keys()], size)) {
      total -= await countProfiles(source, profileMatch(ws, plan.baseFilter, { $in: chunk }));
    }
  }
  for (const [sig, ids] of groupBySignature(hits.keys(), hits)) {
    const filter = plan.filterFor(signatureSet(sig));
    if (filter === false) continue;
    for (const chunk of chunks(ids, size)) {
      total += await countProfiles(source, profileMatch(ws, filter, { $in: chunk }));
    }
  }
  return total;
}

async function userIdsOf(result: AggregateResult): Promise<string[]> {
  const docs: Doc[] = await collect(result);
  return docs.map((d) => d.userId).filter((id): id is string => typeof id === 'string');
}

/** First `limit` users after `after` found by no event query and matching the base filter. */
async function baseMembers(
  plan: ExecutionPlan,
  source: SegmentDataSource,
  filter: FilterOrConstant,
  hits: Map<string, number[]>,
  limit: number,
  after: string | null | undefined,
): Promise<string[]> {
  if (filter === false) return [];
  const out: string[] = [];
  let cursor = after ?? null;
  let batch = Math.min(Math.max(limit * 2, 100), 10_000);
  for (;;) {
    const match = profileMatch(plan, filter, cursor === null ? undefined : { $gt: cursor });
    const ids = await userIdsOf(
      source.aggregateProfiles([
        { $match: match },
        { $sort: { userId: 1 } },
        { $limit: batch },
        { $project: { _id: 0, userId: 1 } },
      ]),
    );
    for (const id of ids) {
      if (hits.has(id)) continue;
      out.push(id);
      if (out.length === limit) return out;
    }
    if (ids.length < batch) return out;
    cursor = ids[ids.length - 1];
    batch = Math.min(batch * 2, 10_000);
  }
}

/** First `limit` users after `after` among those found by some event query. */
async function hitMembers(
  plan: ExecutionPlan,
  source: SegmentDataSource,
  hits: Map<string, number[]>,
  limit: number,
  after: string | null | undefined,
  chunkSize: number,
): Promise<string[]> {
  const sorted = [...hits.keys()]
    .filter((id) => after === null || after === undefined || compareUserIds(id, after) > 0)
    .sort(compareUserIds);
  const out: string[] = [];
  const window = Math.min(Math.max(limit, 500), chunkSize);
  for (let start = 0; start < sorted.length && out.length < limit; start += window) {
    const slice = sorted.slice(start, start + window);
    const matched = new Set<string>();
    for (const [sig, ids] of groupBySignature(slice, hits)) {
      const filter = plan.filterFor(signatureSet(sig));
      if (filter === false) continue;
      const found = await userIdsOf(
        source.aggregateProfiles([
          { $match: profileMatch(plan, filter, { $in: ids }) },
          { $project: { _id: 0, userId: 1 } },
        ]),
      );
      for (const id of found) matched.add(id);
    }
    for (const id of slice) {
      if (matched.has(id)) {
        out.push(id);
        if (out.length === limit) break;
      }
    }
  }
  return out;
}

/** One page of members, ordered by userId (binary order), paged by cursor. */
export async function listMembers(
  plan: ExecutionPlan,
  source: SegmentDataSource,
  options: ListOptions,
): Promise<MemberPage> {
  const limit = Math.trunc(options.limit);
  if (!(limit >= 1 && limit <= 10_000)) throw new RangeError('limit must be 1–10000');
  const hits = await findEventHits(plan, source);
  const [base, found] = await Promise.all([
    baseMembers(plan, source, plan.baseFilter, hits, limit, options.after),
    hitMembers(plan, source, hits, limit, options.after, options.chunkSize ?? DEFAULT_CHUNK),
  ]);
  const userIds = [...base, ...found].sort(compareUserIds).slice(0, limit);
  return { userIds, nextCursor: userIds.length === limit ? userIds[userIds.length - 1] : null };
}

/** Every member (all pages). For tests and small workspaces; prefer paging. */
export async function listAllMembers(
  plan: ExecutionPlan,
  source: SegmentDataSource,
  options: ExecuteOptions & { pageSize?: number } = {},
): Promise<string[]> {
  const all: string[] = [];
  let after: string | null = null;
  do {
    const page: MemberPage = await listMembers(plan, source, {
      ...options,
      limit: options.pageSize ?? 1000,
      after,
    });
    all.push(...page.userIds);
    after = page.nextCursor;
  } while (after !== null);
  return all;
}

/**
 * Every member of the plan, in ascending userId order, without paging: for a plan restricted
 * to one sample bucket (about 1% of the workspace's users), where listing all is cheaper than
 * paging (no `$sort`, which FerretDB never pushes down). The same pipelines as the others.
 */
export async function allMembersOnce(
  plan: ExecutionPlan,
  source: SegmentDataSource,
  options: ExecuteOptions = {},
): Promise<string[]> {
  const size = options.chunkSize ?? DEFAULT_CHUNK;
  const hits = await findEventHits(plan, source);
  const members: string[] = [];
  if (plan.baseFilter !== false) {
    const found = await userIdsOf(
      source.aggregateProfiles([
        { $match: profileMatch(plan, plan.baseFilter) },
        { $project: { _id: 0, userId: 1 } },
      ]),
    );
    // Users found by an event query were matched with the wrong event values: their group decides.
    for (const id of found) if (!hits.has(id)) members.push(id);
  }
  for (const [sig, ids] of groupBySignature(hits.keys(), hits)) {
    const filter = plan.filterFor(signatureSet(sig));
    if (filter === false) continue;
    for (const chunk of chunks(ids, size)) {
      members.push(
        ...(await userIdsOf(
          source.aggregateProfiles([
            { $match: profileMatch(plan, filter, { $in: chunk }) },
            { $project: { _id: 0, userId: 1 } },
          ]),
        )),
      );
    }
  }
  return members.sort(compareUserIds);
}
