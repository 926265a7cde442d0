import leven from 'leven';
import { parseIsoDate } from '../compile/time';
import { NATIVE_ATTRIBUTE_TYPES } from '../rules/operators';
import type {
  AttributeCondition,
  CatalogEntry,
  CustomAttributeCondition,
  Condition,
  CustomSource,
  NativeAttribute,
  RuleGroup,
  SegmentRules,
  ValueType,
} from '../rules/types';
import { type AttributeTypeLookup, catalogLookup } from '../validation/catalog';

/**
 * What a lint warning says about the rules. Warnings never refuse a segment: the rules are
 * valid (validation ran first), they just do not mean what their author most likely meant.
 */
export type LintCode =
  | 'contradiction'
  | 'alwaysTrue'
  | 'alwaysFalse'
  | 'duplicate'
  | 'emptyValue'
  | 'broadNegation'
  | 'unseenValue'
  | 'staleAttribute'
  | 'emptySegment';

export interface LintWarning {
  /** The condition or group the warning is about, as in `rules.conditions[2]`. */
  path: string;
  code: LintCode;
  message: string;
  /** Other conditions the warning involves (the other half of a contradiction, say). */
  related?: string[];
}

/** A native attribute or a custom attribute of one source: what a condition compares. */
export type AttributeSubject =
  | { kind: 'attribute'; attribute: NativeAttribute }
  | { kind: 'custom'; source: CustomSource; key: string };

/** The values users have for a string attribute, with how many users have each. */
export interface KnownValue {
  value: string;
  /** Users with the value, when known. */
  users?: number;
}

/**
 * What the lint may know of the workspace's data. Every part is optional: without it the
 * checks that need it are skipped (the rest are pure reasoning over the rules).
 */
export interface LintContext {
  catalog?: readonly CatalogEntry[] | AttributeTypeLookup;
  basePath?: string;
  now?: Date;
  /** Every distinct value of a string attribute with its users; undefined when not known. */
  knownValues?: (subject: AttributeSubject) => readonly KnownValue[] | undefined;
  /** The share (0–1) of the workspace's users who have a value for the attribute. */
  coverage?: (subject: AttributeSubject) => number | undefined;
  /** The last time a value of the attribute was written for any user; null: never. */
  lastWrittenAt?: (subject: AttributeSubject) => Date | null | undefined;
  /** The members of a saved segment now; undefined when not known. */
  segmentSize?: (segmentId: string) => number | undefined;
  /** Days without a written value after which an attribute is called stale (30). */
  staleAfterDays?: number;
  /** Negations in an OR warn when at least this share of users lacks the attribute (0.8). */
  broadNegationShare?: number;
}

interface Located {
  condition: Condition;
  path: string;
}

const DAY_MS = 86_400_000;
const NEGATIVE_OPERATORS = new Set(['notEquals', 'notContains', 'notIn', 'isNotSet']);
const STRING_VALUE_OPERATORS = new Set(['equals', 'in']);

/**
 * Warnings about valid rules: contradictions, conditions always true or always false,
 * duplicates, empty values, negations that make an OR match almost everyone, values no user
 * has (with the near match some users have), attributes no user has had lately, and
 * references to segments with no members.
 */
export function lintSegmentRules(rules: SegmentRules, context: LintContext = {}): LintWarning[] {
  const lookup = context.catalog ? catalogLookup(context.catalog) : () => undefined;
  const typeOf = (condition: Condition): ValueType | undefined =>
    condition.type === 'attribute'
      ? NATIVE_ATTRIBUTE_TYPES[condition.attribute]
      : condition.type === 'customAttribute'
        ? lookup(condition.source, condition.key)
        : undefined;
  const warnings: LintWarning[] = [];
  const seenSubjects = new Set<string>();

  const walk = (group: RuleGroup, path: string) => {
    const own: Located[] = [];
    // In document order, so that a warning said once is said at the first place it applies.
    group.conditions.forEach((item, index) => {
      const itemPath = `${path}.conditions[${index}]`;
      if (item.type === 'group') {
        walk(item, itemPath);
        return;
      }
      const located = { condition: item, path: itemPath };
      own.push(located);
      warnings.push(...alone(located, typeOf(item), context, seenSubjects));
      if (group.operator === 'or') warnings.push(...negationInOr(located, group, context));
    });
    warnings.push(...duplicates(own));
    // Conditions that hold together: the group's own and those of nested groups of the same
    // operator (an AND inside an AND is one conjunction).
    const together = sameOperatorConditions(group, path);
    warnings.push(...pairs(together, group.operator, typeOf));
  };
  walk(rules, context.basePath ?? 'rules');
  return dedupe(warnings);
}

function sameOperatorConditions(group: RuleGroup, path: string): Located[] {
  const found: Located[] = [];
  group.conditions.forEach((item, index) => {
    const itemPath = `${path}.conditions[${index}]`;
    if (item.type !== 'group') found.push({ condition: item, path: itemPath });
    else if (item.operator === group.operator)
      found.push(...sameOperatorConditions(item, itemPath));
  });
  return found;
}

/** A warning found both by a group and by the group that contains it is kept once. */
function dedupe(warnings: LintWarning[]): LintWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\u0000${w.path}\u0000${(w.related ?? []).join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function subjectOf(condition: Condition): AttributeSubject | undefined {
  if (condition.type === 'attribute') return { kind: 'attribute', attribute: condition.attribute };
  if (condition.type === 'customAttribute') {
    return { kind: 'custom', source: condition.source, key: condition.key };
  }
  return undefined;
}

function subjectKey(subject: AttributeSubject): string {
  return subject.kind === 'attribute'
    ? `attribute:${subject.attribute}`
    : `${subject.source}:${subject.key}`;
}

function describeSubject(subject: AttributeSubject): string {
  return subject.kind === 'attribute' ? subject.attribute : `${subject.key} (${subject.source})`;
}

const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

/** A condition with its string values lower-cased and lists sorted: equal when equivalent. */
function canonical(condition: Condition): string {
  const normalise = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const items = value.map(normalise);
      return items.every((i) => typeof i === 'string') ? [...new Set(items)].sort() : items;
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => [k, normalise(v)]),
      );
    }
    return lower(value);
  };
  return JSON.stringify(normalise(condition));
}

function duplicates(own: Located[]): LintWarning[] {
  const first = new Map<string, string>();
  const warnings: LintWarning[] = [];
  for (const { condition, path } of own) {
    const key = canonical(condition);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, path);
    else {
      warnings.push({
        path,
        code: 'duplicate',
        message: 'repeats an earlier filter of the same group; remove one of them',
        related: [earlier],
      });
    }
  }
  return warnings;
}

/** Checks of one condition on its own. */
function alone(
  { condition, path }: Located,
  type: ValueType | undefined,
  context: LintContext,
  seenSubjects: Set<string>,
): LintWarning[] {
  const warnings: LintWarning[] = [];
  const fixed = fixedTruth(condition, type);
  if (fixed) warnings.push({ path, code: fixed.always, message: fixed.why });
  const empty = emptyValueProblem(condition, type);
  if (empty) warnings.push({ path, code: 'emptyValue', message: empty });

  const subject = subjectOf(condition);
  if (subject) {
    const unseen = unseenValue(condition, subject, type, context);
    if (unseen) warnings.push({ path, code: 'unseenValue', message: unseen });
    const key = subjectKey(subject);
    // Staleness is about the attribute: said once, at its first filter.
    if (!seenSubjects.has(key)) {
      seenSubjects.add(key);
      const stale = staleness(subject, context);
      if (stale) warnings.push({ path, code: 'staleAttribute', message: stale });
    }
  }
  if (condition.type === 'segment') {
    const size = context.segmentSize?.(condition.segmentId);
    if (size === 0) {
      warnings.push({
        path,
        code: 'emptySegment',
        message:
          condition.operator === 'in'
            ? 'the segment it names has no members: this filter matches nobody'
            : 'the segment it names has no members: this filter matches every user',
      });
    }
  }
  return warnings;
}

interface FixedTruth {
  always: 'alwaysTrue' | 'alwaysFalse';
  why: string;
}

/** A condition whose answer is the same for every user whatever the data. */
function fixedTruth(condition: Condition, type: ValueType | undefined): FixedTruth | undefined {
  if (condition.type === 'event') {
    const occurrence = condition.occurrence;
    if (occurrence?.operator === 'atLeast' && occurrence.count === 0) {
      return { always: 'alwaysTrue', why: 'every user has done it at least 0 times' };
    }
    return undefined;
  }
  // Every profile has a number of sessions, and it is a whole number ≥ 0.
  if (condition.type !== 'attribute' || condition.attribute !== 'sessions' || type !== 'number') {
    return undefined;
  }
  const { operator, value } = condition;
  if (operator === 'isSet') return { always: 'alwaysTrue', why: 'every user has sessions' };
  if (operator === 'isNotSet') return { always: 'alwaysFalse', why: 'every user has sessions' };
  const n = typeof value === 'number' ? value : undefined;
  const never = (why: string): FixedTruth => ({ always: 'alwaysFalse', why });
  const ever = (why: string): FixedTruth => ({ always: 'alwaysTrue', why });
  const floor = 'sessions is a whole number, never below 0';
  if (n !== undefined) {
    if (operator === 'greaterThanOrEqual' && n <= 0) return ever(floor);
    if (operator === 'greaterThan' && n < 0) return ever(floor);
    if (operator === 'lessThan' && n <= 0) return never(floor);
    if (operator === 'lessThanOrEqual' && n < 0) return never(floor);
    if (operator === 'equals' && (n < 0 || !Number.isInteger(n))) return never(floor);
    if (operator === 'notEquals' && (n < 0 || !Number.isInteger(n))) return ever(floor);
  }
  if (operator === 'between' && Array.isArray(value)) {
    const [lo, hi] = value as [number, number];
    if (hi < 0 || Math.ceil(lo) > Math.floor(hi)) return never(floor);
  }
  return undefined;
}

function emptyValueProblem(condition: Condition, type: ValueType | undefined): string | undefined {
  if (condition.type !== 'attribute' && condition.type !== 'customAttribute') return undefined;
  const { operator, value } = condition;
  if (type === 'string' && value === '') {
    if (operator === 'contains' || operator === 'startsWith' || operator === 'endsWith') {
      return 'an empty value: this matches every user who has the attribute';
    }
    if (operator === 'notContains') return 'an empty value: this matches only users without it';
    return 'the value is empty';
  }
  if (type === 'list' && (operator === 'contains' || operator === 'notContains') && value === '') {
    return 'the value is empty';
  }
  if (Array.isArray(value) && value.some((item) => item === ''))
    return 'one of the values is empty';
  return undefined;
}

function unseenValue(
  condition: Condition,
  subject: AttributeSubject,
  type: ValueType | undefined,
  context: LintContext,
): string | undefined {
  if (condition.type === 'experience' || condition.type === 'event') return undefined;
  if (condition.type === 'segment' || type !== 'string') return undefined;
  if (!('operator' in condition) || !STRING_VALUE_OPERATORS.has(condition.operator))
    return undefined;
  const known = context.knownValues?.(subject);
  if (!known || known.length === 0) return undefined;
  const asked = Array.isArray(condition.value) ? condition.value : [condition.value];
  const byLower = new Map<string, number>();
  for (const { value, users } of known) {
    const key = value.toLowerCase();
    byLower.set(key, (byLower.get(key) ?? 0) + (users ?? 0));
  }
  const missing = asked.filter(
    (v): v is string => typeof v === 'string' && v !== '' && !byLower.has(v.toLowerCase()),
  );
  if (missing.length === 0) return undefined;
  const parts = missing.map((value) => {
    const near = nearestKnown(value, known);
    if (!near) return `'${value}' has 0 users`;
    return near.users === undefined
      ? `'${value}' has 0 users; did you mean '${near.value}'?`
      : `'${value}' has 0 users, '${near.value}' has ${near.users.toLocaleString('en-US')}`;
  });
  return `no user has this value of ${describeSubject(subject)}: ${parts.join('; ')}`;
}

/** The known value closest to `value` (at most a third of its letters off), most users first. */
function nearestKnown(value: string, known: readonly KnownValue[]): KnownValue | undefined {
  const target = value.toLowerCase();
  const limit = Math.max(1, Math.floor(target.length / 3));
  let best: { candidate: KnownValue; score: number } | undefined;
  for (const candidate of known) {
    const score = leven(target, candidate.value.toLowerCase());
    if (score > limit) continue;
    if (
      !best ||
      score < best.score ||
      (score === best.score && (candidate.users ?? 0) > (best.candidate.users ?? 0))
    ) {
      best = { candidate, score };
    }
  }
  return best?.candidate;
}

function staleness(subject: AttributeSubject, context: LintContext): string | undefined {
  if (subject.kind === 'attribute' || !context.lastWrittenAt) return undefined;
  const last = context.lastWrittenAt(subject);
  if (last === undefined) return undefined;
  const days = context.staleAfterDays ?? 30;
  const now = context.now ?? new Date();
  if (last === null) return `no user has ever had a value for ${describeSubject(subject)}`;
  const ago = Math.floor((now.getTime() - last.getTime()) / DAY_MS);
  if (ago < days) return undefined;
  return `no user has had a value written for ${describeSubject(subject)} for ${ago} days`;
}

function negationInOr({ condition, path }: Located, group: RuleGroup, context: LintContext) {
  if (group.conditions.length < 2) return [];
  const subject = subjectOf(condition);
  if (!subject || !('operator' in condition) || !NEGATIVE_OPERATORS.has(condition.operator)) {
    return [];
  }
  const coverage = context.coverage?.(subject);
  const threshold = context.broadNegationShare ?? 0.8;
  if (coverage === undefined || 1 - coverage < threshold) return [];
  const share = Math.round((1 - coverage) * 100);
  return [
    {
      path,
      code: 'broadNegation' as const,
      message: `${share}% of users have no ${describeSubject(subject)}, and ${condition.operator} matches all of them: this OR matches almost everyone`,
    },
  ];
}

// ---- Pairs of conditions of one conjunction (AND) or disjunction (OR) ----

function pairs(
  together: Located[],
  operator: 'and' | 'or',
  typeOf: (c: Condition) => ValueType | undefined,
): LintWarning[] {
  const warnings: LintWarning[] = [];
  for (let i = 0; i < together.length; i++) {
    for (let j = i + 1; j < together.length; j++) {
      const a = together[i];
      const b = together[j];
      if (complementary(a.condition, b.condition)) {
        warnings.push(
          operator === 'and'
            ? {
                path: b.path,
                code: 'contradiction',
                message: 'contradicts another filter of this AND: no user can match both',
                related: [a.path],
              }
            : {
                path: b.path,
                code: 'alwaysTrue',
                message: 'with its opposite in this OR, every user matches one of the two',
                related: [a.path],
              },
        );
        continue;
      }
      if (operator !== 'and') continue;
      const why = conflict(a.condition, b.condition, typeOf(a.condition));
      if (why) {
        warnings.push({
          path: b.path,
          code: 'contradiction',
          message: `contradicts another filter of this AND: ${why}`,
          related: [a.path],
        });
      }
    }
  }
  return warnings;
}

const sameSubject = (a: Condition, b: Condition) => {
  const sa = subjectOf(a);
  const sb = subjectOf(b);
  return sa !== undefined && sb !== undefined && subjectKey(sa) === subjectKey(sb);
};

const OPPOSITE: Record<string, string> = {
  equals: 'notEquals',
  notEquals: 'equals',
  in: 'notIn',
  notIn: 'in',
  contains: 'notContains',
  notContains: 'contains',
  isSet: 'isNotSet',
  isNotSet: 'isSet',
  isEmpty: 'isNotEmpty',
  isNotEmpty: 'isEmpty',
  seen: 'notSeen',
  notSeen: 'seen',
  completed: 'notCompleted',
  notCompleted: 'completed',
  occurred: 'notOccurred',
  notOccurred: 'occurred',
};

/** `b` holds exactly for the users `a` does not (negations include users without a value). */
function complementary(a: Condition, b: Condition): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'attribute':
    case 'customAttribute': {
      const other = b as typeof a;
      if (!sameSubject(a, other) || OPPOSITE[a.operator] !== other.operator) return false;
      return (
        canonical({ ...a, operator: 'x' } as never) ===
        canonical({ ...other, operator: 'x' } as never)
      );
    }
    case 'experience': {
      const other = b as typeof a;
      return a.experienceId === other.experienceId && OPPOSITE[a.operator] === other.operator;
    }
    case 'segment': {
      const other = b as typeof a;
      return a.segmentId === other.segmentId && a.operator !== other.operator;
    }
    case 'event': {
      const other = b as typeof a;
      const ao = a.occurrence ?? { operator: 'occurred' };
      const bo = other.occurrence ?? { operator: 'occurred' };
      const rest = (c: typeof a) => canonical({ ...c, occurrence: undefined } as never);
      if (rest(a) !== rest(other)) return false;
      if (OPPOSITE[ao.operator] === bo.operator) return true;
      // atLeast n ≡ not atMost n−1
      const atLeast = (o: typeof ao) =>
        o.operator === 'atLeast' ? o.count : o.operator === 'occurred' ? 1 : undefined;
      const atMost = (o: typeof ao) =>
        o.operator === 'atMost' ? o.count : o.operator === 'notOccurred' ? 0 : undefined;
      const la = atLeast(ao);
      const mb = atMost(bo);
      if (la !== undefined && mb !== undefined && mb === la - 1) return true;
      const lb = atLeast(bo);
      const ma = atMost(ao);
      return lb !== undefined && ma !== undefined && ma === lb - 1;
    }
  }
}

interface Interval {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

/** The values a comparison admits, as one interval (needs the attribute set), if it is one. */
function intervalOf(condition: Condition, type: ValueType | undefined): Interval | undefined {
  if (condition.type !== 'attribute' && condition.type !== 'customAttribute') return undefined;
  const { operator, value } = condition;
  const all: Interval = { lo: -Infinity, loOpen: true, hi: Infinity, hiOpen: true };
  if (type === 'number') {
    if (typeof value === 'number') {
      switch (operator) {
        case 'equals':
          return { lo: value, loOpen: false, hi: value, hiOpen: false };
        case 'greaterThan':
          return { ...all, lo: value, loOpen: true };
        case 'greaterThanOrEqual':
          return { ...all, lo: value, loOpen: false };
        case 'lessThan':
          return { ...all, hi: value, hiOpen: true };
        case 'lessThanOrEqual':
          return { ...all, hi: value, hiOpen: false };
      }
    }
    if (operator === 'between' && Array.isArray(value)) {
      const [lo, hi] = value as [number, number];
      return { lo, loOpen: false, hi, hiOpen: false };
    }
    return undefined;
  }
  if (type === 'date') {
    const ms = (text: unknown, endOfDay = false) =>
      typeof text === 'string' ? parseIsoDate(text, endOfDay)?.getTime() : undefined;
    if (operator === 'before') {
      const t = ms(value);
      return t === undefined ? undefined : { ...all, hi: t, hiOpen: true };
    }
    if (operator === 'after') {
      const t = ms(value, true);
      return t === undefined ? undefined : { ...all, lo: t, loOpen: true };
    }
    if (operator === 'between' && Array.isArray(value)) {
      const lo = ms(value[0]);
      const hi = ms(value[1], true);
      return lo === undefined || hi === undefined
        ? undefined
        : { lo, loOpen: false, hi, hiOpen: false };
    }
  }
  return undefined;
}

function disjoint(a: Interval, b: Interval): boolean {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  if (lo > hi) return true;
  if (lo < hi) return false;
  const loOpen = (a.lo === lo && a.loOpen) || (b.lo === lo && b.loOpen);
  const hiOpen = (a.hi === hi && a.hiOpen) || (b.hi === hi && b.hiOpen);
  return loOpen || hiOpen;
}

/** Operators that need the attribute to have a value (the spec: every non-negative one). */
const NEEDS_VALUE = new Set([
  'equals',
  'contains',
  'startsWith',
  'endsWith',
  'in',
  'greaterThan',
  'greaterThanOrEqual',
  'lessThan',
  'lessThanOrEqual',
  'between',
  'before',
  'after',
  'withinLast',
  'notWithinLast',
  'isTrue',
  'isFalse',
  'containsAny',
  'containsAll',
  'isNotEmpty',
  'isSet',
]);

/** Why `a` and `b`, on one attribute, can never both hold; undefined when they can. */
function conflict(a: Condition, b: Condition, type: ValueType | undefined): string | undefined {
  if (!sameSubject(a, b)) return undefined;
  const ca = a as AttributeCondition | CustomAttributeCondition;
  const cb = b as typeof ca;
  const name = describeSubject(subjectOf(a)!);
  const [x, y] = [ca.operator, cb.operator];
  if ((x === 'isNotSet' && NEEDS_VALUE.has(y)) || (y === 'isNotSet' && NEEDS_VALUE.has(x))) {
    return `one needs ${name} to be set, the other needs it not set`;
  }
  if (
    type === 'boolean' &&
    new Set([x, y]).size === 2 &&
    [x, y].every((o) => o === 'isTrue' || o === 'isFalse')
  ) {
    return `${name} cannot be both true and false`;
  }
  if (type === 'number' || type === 'date') {
    const ia = intervalOf(a, type);
    const ib = intervalOf(b, type);
    if (ia && ib && disjoint(ia, ib)) return `no value of ${name} satisfies both`;
    return undefined;
  }
  if (type === 'string') {
    const allowed = (c: typeof ca): Set<string> | undefined =>
      c.operator === 'equals'
        ? new Set([String(c.value).toLowerCase()])
        : c.operator === 'in' && Array.isArray(c.value)
          ? new Set(c.value.map((v) => String(v).toLowerCase()))
          : undefined;
    const excluded = (c: typeof ca): Set<string> | undefined =>
      c.operator === 'notEquals'
        ? new Set([String(c.value).toLowerCase()])
        : c.operator === 'notIn' && Array.isArray(c.value)
          ? new Set(c.value.map((v) => String(v).toLowerCase()))
          : undefined;
    const aa = allowed(ca);
    const ab = allowed(cb);
    if (aa && ab && ![...aa].some((v) => ab.has(v))) {
      return `${name} cannot equal ${quoteList(aa)} and ${quoteList(ab)} at once`;
    }
    for (const [allow, exclude] of [
      [aa, excluded(cb)],
      [ab, excluded(ca)],
    ] as const) {
      if (allow && exclude && [...allow].every((v) => exclude.has(v))) {
        return `every value the one allows, the other excludes`;
      }
    }
  }
  if (type === 'list') {
    const items = (c: typeof ca, ops: string[]) =>
      ops.includes(c.operator)
        ? new Set(
            (Array.isArray(c.value) ? c.value : [c.value]).map((v) => String(v).toLowerCase()),
          )
        : undefined;
    const required = (c: typeof ca) => items(c, ['contains', 'containsAll']);
    const forbidden = (c: typeof ca) => items(c, ['notContains']);
    for (const [need, ban] of [
      [required(ca), forbidden(cb)],
      [required(cb), forbidden(ca)],
    ] as const) {
      if (need && ban && [...need].some((v) => ban.has(v))) {
        return `one needs ${name} to contain a value the other forbids`;
      }
    }
    const needsItems = (o: string) =>
      ['contains', 'containsAll', 'containsAny', 'isNotEmpty'].includes(o);
    if ((x === 'isEmpty' && needsItems(y)) || (y === 'isEmpty' && needsItems(x))) {
      return `${name} cannot be empty and have items`;
    }
  }
  return undefined;
}

function quoteList(values: Set<string>): string {
  const list = [...values].map((v) => `'${v}'`);
  return list.length === 1 ? list[0] : `one of ${list.join(', ')}`;
}
