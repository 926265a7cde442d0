import type { CompiledSegment } from '../compile/compile-segment';
import type { Filter } from '../compile/field-predicate';
import type { Bounds, EventSpec } from '../compile/ir';
import type { Pipeline } from './data-source';
import { type FilterOrConstant, treeToFilter } from './to-filter';

/** One event condition's pipeline: yields `{ _id: userId, count }` for users in its positive form. */
export interface EventQuery {
  key: string;
  pipeline: Pipeline;
}

/**
 * How to list/count a segment's members at one moment, as aggregation pipelines:
 * 1. each event query gives the users in an event condition's positive form (count ≥ 1);
 * 2. a user found by none of them has every event condition at its zero-count value, so the
 *    tree becomes a pure profile filter: `baseFilter` (one `$match` over profiles);
 * 3. users found by some event query are grouped by which ones; each group's tree becomes a
 *    profile filter run on those users only, in bounded `$in` chunks.
 */
export interface ExecutionPlan {
  readonly workspaceId: string;
  /** When set, every pipeline is restricted to the users of this sample bucket. */
  readonly sampleBucket?: number;
  readonly now: Date;
  readonly compiled: CompiledSegment;
  readonly eventQueries: readonly EventQuery[];
  /** Profile filter for users found by no event query (false = none, true = all). */
  readonly baseFilter: FilterOrConstant;
  /** Profile filter for users found by exactly the event queries whose indexes are given. */
  filterFor(found: ReadonlySet<number>): FilterOrConstant;
}

export interface PlanOptions {
  workspaceId: string;
  /** The clock: relative windows end here. */
  now: Date;
  /**
   * Restrict every pipeline (events and profiles) to one sample bucket: a top-level
   * `sampleBucket` equality in each first `$match`, which FerretDB pushes down.
   */
  sampleBucket?: number;
}

function timestampFilter(b: Bounds): Filter | undefined {
  const cond: Filter = {};
  if (b.gt !== undefined) cond.$gt = new Date(b.gt);
  if (b.gte !== undefined) cond.$gte = new Date(b.gte);
  if (b.lt !== undefined) cond.$lt = new Date(b.lt);
  if (b.lte !== undefined) cond.$lte = new Date(b.lte);
  return Object.keys(cond).length ? cond : undefined;
}

/** The events pipeline of one event condition (positive form). */
function eventPipeline(
  spec: EventSpec,
  workspaceId: string,
  nowMs: number,
  sampleBucket?: number,
): Pipeline {
  const match: Filter = { workspaceId };
  if (sampleBucket !== undefined) match.sampleBucket = sampleBucket;
  match.source = spec.source;
  match.name = spec.name;
  const ts = timestampFilter(spec.period(nowMs));
  if (ts) match.timestamp = ts;
  if (spec.properties.length) match.$and = spec.properties.map((p) => p.filter(nowMs));
  const count: Filter = { $gte: spec.min };
  if (spec.max !== undefined) count.$lte = spec.max;
  return [
    { $match: match },
    { $group: { _id: '$userId', count: { $sum: 1 } } },
    { $match: { count } },
  ];
}

export function buildPlan(compiled: CompiledSegment, options: PlanOptions): ExecutionPlan {
  const nowMs = options.now.getTime();
  const index = new Map(compiled.events.map((spec, i) => [spec.key, i]));
  const cache = new Map<string, FilterOrConstant>();
  const filterFor = (found: ReadonlySet<number>): FilterOrConstant => {
    const sig = [...found].sort((a, b) => a - b).join(',');
    let f = cache.get(sig);
    if (f === undefined) {
      f = treeToFilter(compiled.root, nowMs, (spec) => found.has(index.get(spec.key) ?? -1));
      cache.set(sig, f);
    }
    return f;
  };
  return {
    workspaceId: options.workspaceId,
    ...(options.sampleBucket === undefined ? {} : { sampleBucket: options.sampleBucket }),
    now: options.now,
    compiled,
    eventQueries: compiled.events.map((spec) => ({
      key: spec.key,
      pipeline: eventPipeline(spec, options.workspaceId, nowMs, options.sampleBucket),
    })),
    baseFilter: filterFor(new Set()),
    filterFor,
  };
}
