import type { EventCondition, Period } from '../rules/types';
import { inferValueType } from '../validation/operator-value';
import { compileFieldPredicate } from './field-predicate';
import type { Bounds, EventSpec } from './ir';
import { parseIsoDate, windowStart } from './time';

function iso(value: string, endOfDay = false): number {
  const d = parseIsoDate(value, endOfDay);
  if (!d) throw new Error(`invalid ISO-8601 date "${value}"`);
  return d.getTime();
}

/** Period → timestamp bounds at an evaluation time. `last` is rolling and ends now. */
function periodBounds(period: Period | undefined): (nowMs: number) => Bounds {
  if (!period) return () => ({});
  switch (period.type) {
    case 'last':
      return (now) => ({ gte: windowStart(now, period), lte: now });
    case 'between': {
      const b = { gte: iso(period.from), lte: iso(period.to, true) };
      return () => b;
    }
    case 'before': {
      const b = { lt: iso(period.date) };
      return () => b;
    }
    case 'after': {
      const b = { gt: iso(period.date, true) };
      return () => b;
    }
  }
}

function occurrenceRange(c: EventCondition): Pick<EventSpec, 'min' | 'max' | 'negate' | 'always'> {
  const op = c.occurrence?.operator ?? 'occurred';
  const n = c.occurrence?.count ?? 0;
  switch (op) {
    case 'occurred':
      return { min: 1, max: undefined, negate: false, always: false };
    case 'notOccurred':
      return { min: 1, max: undefined, negate: true, always: false };
    case 'atLeast':
      return { min: Math.max(n, 1), max: undefined, negate: false, always: n <= 0 };
    case 'atMost':
      return { min: n + 1, max: undefined, negate: true, always: false };
    case 'exactly':
      return n === 0
        ? { min: 1, max: undefined, negate: true, always: false }
        : { min: n, max: n, negate: false, always: false };
  }
}

export function compileEventSpec(c: EventCondition): EventSpec {
  const properties = (c.properties ?? []).map((p) =>
    compileFieldPredicate(
      `properties.${p.key}`,
      p.type ?? inferValueType(p.operator, p.value),
      p.operator,
      p.value,
    ),
  );
  const range = occurrenceRange(c);
  const key = JSON.stringify([
    c.source,
    c.name,
    c.period ?? null,
    (c.properties ?? []).map((p) => [p.key, p.operator, p.value ?? null, p.type ?? null]),
    range.min,
    range.max ?? null,
  ]);
  return {
    key,
    source: c.source,
    name: c.name,
    period: periodBounds(c.period),
    properties,
    ...range,
  };
}
