import type { CompiledSegment } from '../compile/compile-segment';
import type { IrNode } from '../compile/ir';
import { windowStart } from '../compile/time';
import type { RelativeWindow } from '../rules/types';
import { nodeTest } from './evaluate';
import type { EventLike } from './event-count';
import { UserContext, type UserInput } from './user-context';

const RELATIVE = new Set(['withinLast', 'notWithinLast']);
const DAY_MS = 86_400_000;
/** Instants re-evaluated at most; past them the first one left unchecked is answered. */
const DEFAULT_MAX_INSTANTS = 256;

/**
 * The next instant after `input.now` at which the user's membership of the segment differs,
 * with no new data (time alone: relative windows sliding), or null when time alone never
 * changes it.
 *
 * Every time-relative comparison is `value ≶ windowStart(t)` or `value ≶ t` for a date the
 * user already has (a date attribute, an event's timestamp, a date property of an event);
 * it can flip only where `windowStart(t)` or `t` reaches that value, strictly or not. So the
 * membership is constant between those instants: they are collected, sorted and evaluated
 * in order, and the first whose answer differs is exact. When more than `maxInstants` would
 * be evaluated (a user with thousands of events in a window), the first instant left
 * unchecked is returned: the answer cannot change before it, so re-evaluating then is safe.
 */
export function nextChangeAt(
  compiled: CompiledSegment,
  input: UserInput,
  maxInstants = DEFAULT_MAX_INSTANTS,
): Date | null {
  return compiled.timeDependent ? nextChangeOfNode(compiled.root, input, maxInstants) : null;
}

/** The same for one node of a compiled tree: when its own result changes by time alone. */
export function nextChangeOfNode(
  node: IrNode,
  input: UserInput,
  maxInstants = DEFAULT_MAX_INSTANTS,
): Date | null {
  const nowMs = input.now.getTime();
  const instants = new Set<number>();
  const add = (value: unknown, window: RelativeWindow) => {
    for (const ms of datesIn(value)) {
      for (const t of flipInstants(ms, window)) if (t > nowMs) instants.add(t);
    }
  };
  collect(node, input, add);
  if (instants.size === 0) return null;
  const test = nodeTest(node);
  const sorted = [...instants].sort((a, b) => a - b);
  const current = test(new UserContext(input));
  for (let i = 0; i < sorted.length; i++) {
    if (i === maxInstants) return new Date(sorted[i]);
    const at = new Date(sorted[i]);
    if (test(new UserContext({ ...input, now: at })) !== current) return at;
  }
  return null;
}

function collect(
  node: IrNode,
  input: UserInput,
  add: (value: unknown, window: RelativeWindow) => void,
): void {
  switch (node.kind) {
    case 'group':
      for (const child of node.children) collect(child, input, add);
      return;
    case 'segment':
      collect(node.child, input, add);
      return;
    case 'field': {
      const { condition, predicate } = node;
      if (condition.type !== 'experience' && RELATIVE.has(condition.operator)) {
        add(predicate.read(input.profile), condition.value as RelativeWindow);
      }
      return;
    }
    case 'event': {
      const { condition, event: spec } = node;
      if (spec.always) return;
      const events = (input.events ?? []).filter(
        (e: EventLike) => e.source === spec.source && e.name === spec.name,
      );
      if (condition.period?.type === 'last') {
        for (const e of events) add(e.timestamp, condition.period);
      }
      (condition.properties ?? []).forEach((property, index) => {
        if (!RELATIVE.has(property.operator)) return;
        for (const e of events)
          add(spec.properties[index].read(e), property.value as RelativeWindow);
      });
      return;
    }
  }
}

/** The epoch ms of the dates in a value read from a document (a date or a list of them). */
function datesIn(value: unknown): number[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .filter((v): v is Date => v instanceof Date && !Number.isNaN(v.getTime()))
    .map((v) => v.getTime());
}

/**
 * Where a comparison with the date `ms` can flip: `t` reaching it (`ms`, `ms + 1`) and the
 * window's start reaching it (the first `t` with `windowStart(t) ≥ ms`, then `> ms`).
 */
function flipInstants(ms: number, window: RelativeWindow): number[] {
  return [
    ms,
    ms + 1,
    firstInstant((t) => windowStart(t, window) >= ms, ms, window),
    firstInstant((t) => windowStart(t, window) > ms, ms, window),
  ];
}

/** An upper bound of each unit's length (calendar months are at most 31 days). */
const LONGEST_MS: Record<RelativeWindow['unit'], number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: DAY_MS,
  weeks: 7 * DAY_MS,
  months: 31 * DAY_MS,
};

/** The least `t ≥ from` where the monotone `holds(t)` is true (windowStart never decreases). */
function firstInstant(holds: (t: number) => boolean, from: number, window: RelativeWindow): number {
  let low = from;
  // A window's start is past `from` once `t` is more than the window's length after it.
  let high = from + (window.amount + 1) * LONGEST_MS[window.unit] + 1;
  while (low < high) {
    const mid = low + Math.floor((high - low) / 2);
    if (holds(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}
