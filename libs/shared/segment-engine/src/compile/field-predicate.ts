import type { Operator, OperatorValue, RelativeWindow, ValueType } from '../rules/types';
import { END_OF_TEXT, escapeRegex } from './regex';
import { parseIsoDate, windowStart } from './time';

/** A MongoDB query filter (plain object; never built from user-supplied keys as operators). */
export type Filter = Record<string, unknown>;

/**
 * One compiled leaf over a document field, in both forms that must agree: a MongoDB filter
 * and an in-process test. Both take the evaluation time (relative windows).
 */
export interface FieldPredicate {
  filter(nowMs: number): Filter;
  test(doc: unknown, nowMs: number): boolean;
  /** Reads the field's value from a document (for explain). */
  read(doc: unknown): unknown;
}

/** Reads a dotted path through nested objects (never into arrays, see README). */
export function makeGetter(path: string): (doc: unknown) => unknown {
  const parts = path.split('.');
  if (parts.length === 1) {
    const [p] = parts;
    return (doc) => (isObject(doc) ? doc[p] : undefined);
  }
  return (doc) => {
    let cur: unknown = doc;
    for (const part of parts) {
      if (!isObject(cur)) return undefined;
      cur = cur[part];
    }
    return cur;
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** MongoDB applies a scalar predicate to a value or to any element of an array value. */
function any(value: unknown, pred: (x: unknown) => boolean): boolean {
  if (Array.isArray(value)) {
    for (const x of value) if (pred(x)) return true;
    return false;
  }
  return pred(value);
}

const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number';
const isDate = (x: unknown): x is Date => x instanceof Date;

function regex(pattern: string): Filter {
  return { $regex: pattern, $options: 'i' };
}

interface Parts {
  /** Condition on the field (the value of `{ [path]: … }`) or a whole filter. */
  filter: (nowMs: number) => Filter;
  test: (value: unknown, nowMs: number) => boolean;
}

function negate(p: Parts): Parts {
  return { filter: (now) => ({ $nor: [p.filter(now)] }), test: (v, now) => !p.test(v, now) };
}

function field(path: string, cond: (nowMs: number) => unknown): (nowMs: number) => Filter {
  return (now) => ({ [path]: cond(now) });
}

/**
 * What a string comparison applies to: one string (`string` type) or the elements of an array
 * (`list` type). A value of the other shape is of another type, so it is not set: without the
 * guard, MongoDB would match a string filter against a list's elements (event properties have
 * no catalog, so one key may hold a string in one event and a list in another).
 */
type StringShape = 'string' | 'list';
const SHAPE_GUARD: Record<StringShape, Filter> = {
  string: { $not: { $type: 'array' } },
  list: { $type: 'array' },
};
const SHAPE_TEST: Record<StringShape, (v: unknown, check: (x: unknown) => boolean) => boolean> = {
  string: (v, check) => isStr(v) && check(v),
  list: (v, check) => Array.isArray(v) && v.some(check),
};

/** Case-insensitive literal string match of `kind` on a string, or on any element of a list. */
function stringMatch(
  path: string,
  shape: StringShape,
  kind: 'equals' | 'contains' | 'startsWith' | 'endsWith',
  value: string,
): Parts {
  const lower = value.toLowerCase();
  const esc = escapeRegex(value);
  const pattern =
    kind === 'equals'
      ? `^${esc}${END_OF_TEXT}`
      : kind === 'contains'
        ? esc
        : kind === 'startsWith'
          ? `^${esc}`
          : `${esc}${END_OF_TEXT}`;
  const check =
    kind === 'equals'
      ? (x: unknown) => isStr(x) && x.toLowerCase() === lower
      : kind === 'contains'
        ? (x: unknown) => isStr(x) && x.toLowerCase().includes(lower)
        : kind === 'startsWith'
          ? (x: unknown) => isStr(x) && x.toLowerCase().startsWith(lower)
          : (x: unknown) => isStr(x) && x.toLowerCase().endsWith(lower);
  const cond = { ...regex(pattern), ...SHAPE_GUARD[shape] };
  return { filter: field(path, () => cond), test: (v) => SHAPE_TEST[shape](v, check) };
}

function anyOfStrings(path: string, shape: StringShape, values: readonly string[]): Parts {
  const unique = [...new Set(values.map((v) => v.toLowerCase()))];
  const set = new Set(unique);
  const clauses = [...new Map(values.map((v) => [v.toLowerCase(), v])).values()].map((v) =>
    stringMatch(path, shape, 'equals', v).filter(0),
  );
  return {
    filter: () => (clauses.length === 1 ? clauses[0] : { $or: clauses }),
    test: (v) => SHAPE_TEST[shape](v, (x) => isStr(x) && set.has(x.toLowerCase())),
  };
}

function allOfStrings(path: string, values: readonly string[]): Parts {
  const parts = [...new Map(values.map((v) => [v.toLowerCase(), v])).values()].map((v) =>
    stringMatch(path, 'list', 'equals', v),
  );
  const clauses = parts.map((p) => p.filter(0));
  return {
    filter: () => (clauses.length === 1 ? clauses[0] : { $and: clauses }),
    test: (v, now) => parts.every((p) => p.test(v, now)),
  };
}

const TYPE_ALIAS: Record<ValueType, string> = {
  string: 'string',
  number: 'number',
  date: 'date',
  boolean: 'bool',
  list: 'array',
};

function isSetParts(path: string, type: ValueType | undefined): Parts {
  switch (type) {
    case undefined:
      return {
        filter: field(path, () => ({ $ne: null })),
        test: (v) => v !== undefined && v !== null && !(Array.isArray(v) && v.includes(null)),
      };
    case 'list':
      return { filter: field(path, () => ({ $type: 'array' })), test: (v) => Array.isArray(v) };
    case 'string': {
      const cond = { $type: 'string', ...SHAPE_GUARD.string };
      return { filter: field(path, () => cond), test: isStr };
    }
    default: {
      const check =
        type === 'number'
          ? isNum
          : type === 'date'
            ? isDate
            : (x: unknown) => typeof x === 'boolean';
      const cond = { $type: TYPE_ALIAS[type] };
      return { filter: field(path, () => cond), test: (v) => any(v, check) };
    }
  }
}

/** `{ $gte/$gt: lo, $lte/$lt: hi }` over numbers or dates, with MongoDB's per-bound array semantics. */
function range(
  path: string,
  kind: 'number' | 'date',
  bounds: (nowMs: number) => { gt?: number; gte?: number; lt?: number; lte?: number },
): Parts {
  const typed = kind === 'number' ? isNum : isDate;
  const num = (x: unknown) => (kind === 'number' ? (x as number) : (x as Date).getTime());
  const wrap = (n: number) => (kind === 'number' ? n : new Date(n));
  return {
    filter: (now) => {
      const b = bounds(now);
      const cond: Filter = {};
      if (b.gt !== undefined) cond.$gt = wrap(b.gt);
      if (b.gte !== undefined) cond.$gte = wrap(b.gte);
      if (b.lt !== undefined) cond.$lt = wrap(b.lt);
      if (b.lte !== undefined) cond.$lte = wrap(b.lte);
      return { [path]: cond };
    },
    test: (v, now) => {
      const b = bounds(now);
      // Each bound may be met by a different array element, as in MongoDB.
      if (b.gt !== undefined && !any(v, (x) => typed(x) && num(x) > b.gt!)) return false;
      if (b.gte !== undefined && !any(v, (x) => typed(x) && num(x) >= b.gte!)) return false;
      if (b.lt !== undefined && !any(v, (x) => typed(x) && num(x) < b.lt!)) return false;
      if (b.lte !== undefined && !any(v, (x) => typed(x) && num(x) <= b.lte!)) return false;
      return true;
    },
  };
}

function equalsScalar(path: string, value: number | boolean): Parts {
  return { filter: field(path, () => ({ $eq: value })), test: (v) => any(v, (x) => x === value) };
}

function dateMs(iso: string, endOfDay = false): number {
  const d = parseIsoDate(iso, endOfDay);
  if (!d) throw new Error(`invalid ISO-8601 date "${iso}"`);
  return d.getTime();
}

/** A window start cached per evaluation time (months need calendar arithmetic). */
function cachedWindowStart(window: RelativeWindow): (nowMs: number) => number {
  let lastNow = Number.NaN;
  let lastStart = 0;
  return (now) => {
    if (now !== lastNow) {
      lastNow = now;
      lastStart = windowStart(now, window);
    }
    return lastStart;
  };
}

function parts(
  path: string,
  type: ValueType | undefined,
  operator: Operator,
  value: OperatorValue | undefined,
): Parts {
  if (operator === 'isSet') return isSetParts(path, type);
  if (operator === 'isNotSet') return negate(isSetParts(path, type));
  switch (type) {
    case 'string':
      switch (operator) {
        case 'equals':
        case 'contains':
        case 'startsWith':
        case 'endsWith':
          return stringMatch(path, 'string', operator, value as string);
        case 'notEquals':
          return negate(stringMatch(path, 'string', 'equals', value as string));
        case 'notContains':
          return negate(stringMatch(path, 'string', 'contains', value as string));
        case 'in':
          return anyOfStrings(path, 'string', value as string[]);
        case 'notIn':
          return negate(anyOfStrings(path, 'string', value as string[]));
      }
      break;
    case 'number': {
      const n = value as number;
      switch (operator) {
        case 'equals':
          return equalsScalar(path, n);
        case 'notEquals':
          return negate(equalsScalar(path, n));
        case 'greaterThan':
          return range(path, 'number', () => ({ gt: n }));
        case 'greaterThanOrEqual':
          return range(path, 'number', () => ({ gte: n }));
        case 'lessThan':
          return range(path, 'number', () => ({ lt: n }));
        case 'lessThanOrEqual':
          return range(path, 'number', () => ({ lte: n }));
        case 'between': {
          const [lo, hi] = value as [number, number];
          return range(path, 'number', () => ({ gte: lo, lte: hi }));
        }
      }
      break;
    }
    case 'date':
      switch (operator) {
        case 'before': {
          const t = dateMs(value as string);
          return range(path, 'date', () => ({ lt: t }));
        }
        case 'after': {
          const t = dateMs(value as string, true);
          return range(path, 'date', () => ({ gt: t }));
        }
        case 'between': {
          const [from, to] = value as unknown as [string, string];
          const lo = dateMs(from);
          const hi = dateMs(to, true);
          return range(path, 'date', () => ({ gte: lo, lte: hi }));
        }
        case 'withinLast': {
          const start = cachedWindowStart(value as RelativeWindow);
          return range(path, 'date', (now) => ({ gte: start(now), lte: now }));
        }
        case 'notWithinLast': {
          const start = cachedWindowStart(value as RelativeWindow);
          return range(path, 'date', (now) => ({ lt: start(now) }));
        }
      }
      break;
    case 'boolean':
      if (operator === 'isTrue') return equalsScalar(path, true);
      if (operator === 'isFalse') return equalsScalar(path, false);
      break;
    case 'list':
      switch (operator) {
        case 'contains':
          return stringMatch(path, 'list', 'equals', value as string);
        case 'notContains':
          return negate(stringMatch(path, 'list', 'equals', value as string));
        case 'containsAny':
          return anyOfStrings(path, 'list', value as string[]);
        case 'containsAll':
          return allOfStrings(path, value as string[]);
        case 'isNotEmpty':
          return notEmpty(path);
        case 'isEmpty':
          return negate(notEmpty(path));
      }
      break;
  }
  throw new Error(`operator "${operator}" does not fit type ${type ?? 'unknown'}`);
}

function notEmpty(path: string): Parts {
  const cond = { $type: 'array', $not: { $size: 0 } };
  return { filter: field(path, () => cond), test: (v) => Array.isArray(v) && v.length > 0 };
}

/**
 * Compiles `operator value` on the field at `path` (dotted, from the document root) for a
 * value type (undefined = unknown: only isSet/isNotSet allowed).
 */
export function compileFieldPredicate(
  path: string,
  type: ValueType | undefined,
  operator: Operator,
  value: OperatorValue | undefined,
): FieldPredicate {
  const p = parts(path, type, operator, value);
  const read = makeGetter(path);
  return {
    filter: p.filter,
    test: (doc, now) => p.test(read(doc), now),
    read,
  };
}
