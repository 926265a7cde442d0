import type { EventSpec } from '../compile/ir';

/** The fields of an event the evaluator reads (an EventDocument or a lighter object). */
export interface EventLike {
  source: string;
  name: string;
  timestamp: Date;
  properties?: unknown;
}

/** Counts the events (already narrowed to the spec's source and name) that the spec counts. */
export function countMatchingEvents(
  spec: EventSpec,
  events: readonly EventLike[],
  nowMs: number,
): number {
  const b = spec.period(nowMs);
  const bounded =
    b.gt !== undefined || b.gte !== undefined || b.lt !== undefined || b.lte !== undefined;
  let count = 0;
  for (const event of events) {
    if (bounded) {
      const ts = event.timestamp;
      if (!(ts instanceof Date)) continue;
      const t = ts.getTime();
      if (b.gt !== undefined && !(t > b.gt)) continue;
      if (b.gte !== undefined && !(t >= b.gte)) continue;
      if (b.lt !== undefined && !(t < b.lt)) continue;
      if (b.lte !== undefined && !(t <= b.lte)) continue;
    }
    let ok = true;
    for (const p of spec.properties) {
      if (!p.test(event, nowMs)) {
        ok = false;
        break;
      }
    }
    if (ok) count += 1;
  }
  return count;
}

/** Whether a count satisfies the spec (occurrence operator applied, negation included). */
export function countSatisfies(spec: EventSpec, count: number): boolean {
  if (spec.always) return true;
  const positive = count >= spec.min && (spec.max === undefined || count <= spec.max);
  return spec.negate ? !positive : positive;
}
