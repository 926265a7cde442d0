// Test-only fast-check arbitraries: random profiles, events and rule trees for the
// differential test. Dates are drawn around the evaluation time `now` (window edges ±1 ms,
// minute/hour/day/month boundaries ±1 ms), so every arbitrary takes `now`.
import fc from 'fast-check';
import {
  summarizeInteractions,
  type EventDocument,
  type InteractionRecord,
  type ProfileDocument,
} from '../documents/profile';
import { NATIVE_ATTRIBUTE_TYPES, OPERATORS_BY_TYPE } from '../rules/operators';
import type {
  CatalogEntry,
  Condition,
  NativeAttribute,
  RelativeWindow,
  RuleGroup,
  TimeUnit,
  ValueType,
} from '../rules/types';
import { parseIsoSpan, windowStartMs } from './reference/reference-time.test-helper';

export const P_WS = 'ws_prop';
/** Another workspace: its profiles and events share userIds with P_WS and must never count. */
const P_OTHER_WS = 'ws_other';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Evaluation times: mid-month, a month's last day (months clamp), 1 ms before a month, New Year. */
const NOW_POOL = [
  '2026-06-15T12:00:00.000Z',
  '2026-03-31T00:00:00.000Z',
  '2024-03-31T23:59:59.999Z',
  '2027-01-01T00:00:30.000Z',
].map((iso) => new Date(iso));
const nowArb = fc.constantFrom(...NOW_POOL);

export const P_CATALOG: CatalogEntry[] = [
  { source: 'sdk', key: 's', type: 'string' },
  { source: 'sdk', key: 'n', type: 'number' },
  { source: 'sdk', key: 'd', type: 'date' },
  { source: 'sdk', key: 'b', type: 'boolean' },
  { source: 'sdk', key: 'l', type: 'list' },
  { source: 'sdk', key: 'co.name', type: 'string' },
  { source: 'hubspot', key: 's', type: 'string' },
  { source: 'segment', key: 'n', type: 'number' },
  { source: 'customerio', key: 's', type: 'string' },
  { source: 'customerio', key: 'd', type: 'date' },
];

const CHARS = ['a', 'A', 'b', 'B', '.', '*', '$', '\\', '(', '[', '+', '?', '^', '|', ' ', '\n'];
const str = fc.array(fc.constantFrom(...CHARS), { maxLength: 3 }).map((a) => a.join(''));
const strList = fc.array(str, { minLength: 1, maxLength: 3 });
/** Integers are stored as Int32 or as a real BSON Double, depending on the document. */
const num = fc.constantFrom(-2, -1.5, 0, 0.5, 1, 2, 3, 42);
const TIME_UNITS: TimeUnit[] = ['minutes', 'hours', 'days', 'weeks', 'months'];
const ALL_WINDOWS: RelativeWindow[] = TIME_UNITS.flatMap((unit) =>
  [1, 2, 3].map((amount) => ({ amount, unit })),
);
/**
 * The few windows one case uses, in its rules and around its instants: with few of them, a
 * stored instant often sits exactly on (or 1 ms from) the edge of a window a rule uses.
 */
const caseWindowsArb = fc.shuffledSubarray(ALL_WINDOWS, { minLength: 1, maxLength: 2 });

function utcStartOf(now: Date, unit: 'minute' | 'hour' | 'day' | 'month'): number {
  const parts = [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours()];
  const [year, month, day, hour] = parts;
  if (unit === 'month') return Date.UTC(year, month, 1);
  if (unit === 'day') return Date.UTC(year, month, day);
  if (unit === 'hour') return Date.UTC(year, month, day, hour);
  return Date.UTC(year, month, day, hour, now.getUTCMinutes());
}

const aroundEach = (edges: number[]) =>
  [...new Set(edges.flatMap((edge) => [edge - 1, edge, edge + 1]))].map((ms) => new Date(ms));

/** Instants ±1 ms around the edges of the case's windows (now − window). */
function windowEdgeDates(now: Date, windows: readonly RelativeWindow[]): Date[] {
  return aroundEach(windows.map(({ amount, unit }) => windowStartMs(now, amount, unit)));
}

/** Instants ±1 ms around `now` and the minute, hour, day, month and last month it starts in. */
function boundaryDates(now: Date): Date[] {
  const monthStart = utcStartOf(now, 'month');
  return aroundEach([
    now.getTime(),
    utcStartOf(now, 'minute'),
    utcStartOf(now, 'hour'),
    utcStartOf(now, 'day'),
    monthStart,
    Date.UTC(new Date(monthStart - 1).getUTCFullYear(), new Date(monthStart - 1).getUTCMonth(), 1),
  ]);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The ISO-8601 spellings the spec allows for one instant: Z, no zone (UTC), an offset, short. */
function isoSpellings(date: Date): string[] {
  const iso = date.toISOString();
  const plusTwo = new Date(date.getTime() + 2 * HOUR).toISOString().slice(0, 23) + '+02:00';
  const spellings = [iso, iso.slice(0, -1), plusTwo];
  if (date.getUTCMilliseconds() === 0) spellings.push(iso.slice(0, 19));
  if (date.getUTCMilliseconds() === 0 && date.getUTCSeconds() === 0)
    spellings.push(iso.slice(0, 16) + 'Z');
  return spellings;
}

/**
 * Date-only values (whole UTC days) on both sides of each boundary midnight of boundaryDates:
 * today and yesterday, the month's first and last month's last, last month's first and the
 * day before it.
 */
function dayValues(now: Date): string[] {
  const day = (ms: number) => {
    const d = new Date(ms);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  };
  const today = utcStartOf(now, 'day');
  const monthStart = utcStartOf(now, 'month');
  const lastMonthStart = Date.UTC(
    new Date(monthStart - 1).getUTCFullYear(),
    new Date(monthStart - 1).getUTCMonth(),
    1,
  );
  return [today, monthStart, lastMonthStart].flatMap((midnight) => [
    day(midnight),
    day(midnight - DAY),
  ]);
}

/** Everything that depends on the evaluation time and the case's windows. */
function arbitrariesAt(now: Date, windows: readonly RelativeWindow[]) {
  const edges = windowEdgeDates(now, windows);
  const boundaries = boundaryDates(now);
  const farDates = [now.getTime() + DAY, now.getTime() - 400 * DAY].map((ms) => new Date(ms));
  const date = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...edges) },
    { weight: 3, arbitrary: fc.constantFrom(...boundaries) },
    { weight: 1, arbitrary: fc.constantFrom(...farDates) },
  );
  const isoValue = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...boundaries.flatMap(isoSpellings)) },
    { weight: 1, arbitrary: fc.constantFrom(...edges.flatMap(isoSpellings)) },
    { weight: 3, arbitrary: fc.constantFrom(...dayValues(now)) },
  );
  // A valid [from, to]: the instant `from` names comes first.
  const isoRange = fc
    .tuple(isoValue, isoValue)
    .map(([a, b]) => (parseIsoSpan(a).first <= parseIsoSpan(b).first ? [a, b] : [b, a]));
  const windowArb = fc.constantFrom(...windows);

  const valueOf: Record<ValueType, fc.Arbitrary<unknown>> = {
    string: str,
    number: num,
    date,
    boolean: fc.boolean(),
    list: fc.array(str, { maxLength: 3 }),
  };

  /** Missing (undefined), null or a value of the type. */
  const slot = (type: ValueType) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 4, arbitrary: valueOf[type] },
    );
  /** Usually missing or a value of the type; sometimes a value of another type (not normalised). */
  const looseSlot = (type: ValueType, strays: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 4, arbitrary: slot(type) }, { weight: 1, arbitrary: strays });
  const maybeMissing = <T>(arbitrary: fc.Arbitrary<T>) =>
    fc.option(arbitrary, { nil: undefined, freq: 6 });

  const interactionArb: fc.Arbitrary<InteractionRecord> = fc.record(
    {
      experienceId: fc.constantFrom(...EXPERIENCES),
      seenAt: fc.option(date, { nil: null }),
      completedAt: fc.option(date, { nil: undefined, freq: 2 }),
      answers: fc.array(
        fc.record({ stepId: fc.constantFrom(...STEPS), values: fc.subarray(ANSWERS) }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ['experienceId'] },
  );

  const profileArb = (userId: string): fc.Arbitrary<ProfileDocument> =>
    fc
      .record({
        name: slot('string'),
        email: slot('string'),
        createdAt: maybeMissing(date),
        lastActivityAt: maybeMissing(date),
        sessions: maybeMissing(fc.integer({ min: 0, max: 4 })),
        tags: maybeMissing(fc.array(str, { maxLength: 3 })),
        custom: fc.tuple(...P_CATALOG.map((c) => slot(c.type))),
        interactions: fc.array(interactionArb, { maxLength: 3 }),
      })
      .map((r) => {
        const custom: Record<string, Record<string, unknown>> = {};
        P_CATALOG.forEach((c, i) => put((custom[c.source] ??= {}), c.key, r.custom[i]));
        const profile: Record<string, unknown> = {
          workspaceId: P_WS,
          userId,
          custom,
          interactions: r.interactions,
          experiences: summarizeInteractions(r.interactions),
        };
        // Natives may be missing (profiles made by a sync before any SDK call): left out, not undefined.
        for (const field of [
          'name',
          'email',
          'createdAt',
          'lastActivityAt',
          'sessions',
          'tags',
        ] as const)
          if (r[field] !== undefined) profile[field] = r[field];
        return profile as unknown as ProfileDocument;
      });

  const eventArb = (userId: string): fc.Arbitrary<EventDocument> =>
    fc
      .record({
        workspaceId: fc.constantFrom(P_WS, P_WS, P_WS, P_OTHER_WS),
        source: fc.constantFrom('jimo' as const, 'segment' as const),
        name: fc.constantFrom(...EVENT_NAMES),
        timestamp: date,
        p: looseSlot('string', fc.constantFrom<unknown>(3, ['a'], true, farDates[0])),
        q: looseSlot('number', fc.constantFrom<unknown>('3', '42', true, ['3'])),
        r: looseSlot('list', fc.constantFrom<unknown>('a', 'A', 3)),
        t: looseSlot('date', isoValue),
        'o.k': looseSlot('string', fc.constantFrom<unknown>(0, ['a'])),
      })
      .map((r) => {
        const properties: Record<string, unknown> = {};
        for (const k of Object.keys(PROPERTY_TYPES)) put(properties, k, r[k as 'p']);
        return {
          workspaceId: r.workspaceId,
          userId,
          source: r.source,
          name: r.name,
          timestamp: r.timestamp,
          properties,
        } as EventDocument;
      });

  /** A fitting operator and value for a type. */
  const operatorValueArb = (type: ValueType): fc.Arbitrary<{ operator: string; value?: unknown }> =>
    fc
      .constantFrom(...OPERATORS_BY_TYPE[type], ...(type === 'date' ? RELATIVE_OPERATORS : []))
      .chain((operator): fc.Arbitrary<{ operator: string; value?: unknown }> => {
        const v = (value: fc.Arbitrary<unknown>) => value.map((x) => ({ operator, value: x }));
        if (NO_VALUE_OPERATORS.includes(operator)) return fc.constant({ operator });
        if (['in', 'notIn', 'containsAny', 'containsAll'].includes(operator)) return v(strList);
        if (type === 'string' || type === 'list') return v(str);
        if (type === 'number')
          return operator === 'between'
            ? v(fc.tuple(num, num).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]))
            : v(num);
        if (operator === 'withinLast' || operator === 'notWithinLast') return v(windowArb);
        if (operator === 'between') return v(isoRange);
        return v(isoValue);
      });

  const attributeArb: fc.Arbitrary<Condition> = fc
    .constantFrom(...NATIVE)
    .chain((attribute) =>
      operatorValueArb(NATIVE_ATTRIBUTE_TYPES[attribute]).map(
        (ov) => ({ type: 'attribute', attribute, ...ov }) as Condition,
      ),
    );

  const customArb: fc.Arbitrary<Condition> = fc
    .constantFrom(...P_CATALOG)
    .chain((c) =>
      operatorValueArb(c.type).map(
        (ov) => ({ type: 'customAttribute', source: c.source, key: c.key, ...ov }) as Condition,
      ),
    );

  const periodArb = fc.oneof(
    { weight: 2, arbitrary: windowArb.map((w) => ({ type: 'last', ...w })) },
    isoRange.map(([from, to]) => ({ type: 'between', from, to })),
    isoValue.map((d) => ({ type: 'before', date: d })),
    isoValue.map((d) => ({ type: 'after', date: d })),
  );

  // The filter's type is given, or left out for the engine to infer from operator and value.
  const propertyArb = fc
    .constantFrom(...Object.entries(PROPERTY_TYPES))
    .chain(([key, type]) =>
      fc
        .tuple(operatorValueArb(type), fc.boolean())
        .map(([ov, typed]) => (typed ? { key, type, ...ov } : { key, ...ov })),
    );

  const eventConditionArb: fc.Arbitrary<Condition> = fc.record(
    {
      type: fc.constant('event'),
      source: fc.constantFrom('jimo', 'segment'),
      name: fc.constantFrom(...EVENT_NAMES),
      occurrence: occurrenceArb,
      period: periodArb,
      properties: fc.array(propertyArb, { maxLength: 2 }),
    },
    { requiredKeys: ['type', 'source', 'name'] },
  ) as fc.Arbitrary<Condition>;

  const conditionArb = (referable: readonly string[]): fc.Arbitrary<Condition> =>
    fc.oneof(
      { weight: 3, arbitrary: attributeArb },
      { weight: 4, arbitrary: customArb },
      { weight: 1, arbitrary: experienceArb },
      { weight: 3, arbitrary: eventConditionArb },
      ...(referable.length
        ? [
            {
              weight: 1,
              arbitrary: fc.record({
                type: fc.constant('segment'),
                segmentId: fc.constantFrom(...referable),
                operator: fc.constantFrom('in', 'notIn'),
              }) as fc.Arbitrary<Condition>,
            },
          ]
        : []),
    );

  // Items per group by depth (root = 1): at most 4 × 3 × 3 × 2 = 72 conditions, under the 100 limit.
  const MAX_ITEMS_AT_DEPTH = [0, 4, 3, 3, 2];
  const MAX_DEPTH = 4;

  function groupArb(depth: number, referable: readonly string[]): fc.Arbitrary<RuleGroup> {
    const item: fc.Arbitrary<Condition | RuleGroup> =
      depth >= MAX_DEPTH
        ? conditionArb(referable)
        : fc.oneof(
            { weight: 3, arbitrary: conditionArb(referable) },
            { weight: 1, arbitrary: groupArb(depth + 1, referable) },
          );
    return fc.record({
      type: fc.constant('group' as const),
      operator: fc.constantFrom('and' as const, 'or' as const),
      conditions: fc.array(item, {
        minLength: depth === 1 ? 0 : 1,
        maxLength: MAX_ITEMS_AT_DEPTH[depth],
      }),
    });
  }

  /** A tree that reaches the depth limit: one nested group per level down to depth 4. */
  function deepGroupArb(depth: number, referable: readonly string[]): fc.Arbitrary<RuleGroup> {
    const first = depth >= MAX_DEPTH ? conditionArb(referable) : deepGroupArb(depth + 1, referable);
    return fc.record({
      type: fc.constant('group' as const),
      operator: fc.constantFrom('and' as const, 'or' as const),
      conditions: fc
        .tuple(first, fc.array(conditionArb(referable), { maxLength: 1 }))
        .map(([head, rest]) => [head, ...rest]),
    });
  }

  /** Rules of a stored segment that may reference the segments in `referable`. */
  const rulesArb = (referable: readonly string[] = []) =>
    fc.oneof(
      { weight: 4, arbitrary: groupArb(1, referable) },
      { weight: 1, arbitrary: deepGroupArb(1, referable) },
    );

  return { date, profileArb, eventArb, rulesArb };
}

function put(target: Record<string, unknown>, key: string, value: unknown) {
  if (value === undefined) return;
  const parts = key.split('.');
  let cur = target;
  for (const p of parts.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
  cur[parts[parts.length - 1]] = value;
}

const EXPERIENCES = ['exp_1', 'exp_2'];
const STEPS = ['q1', 'q2'];
const ANSWERS = ['yes', 'no', 'Maybe'];
const EVENT_NAMES = ['A', 'B'];
const NATIVE = Object.keys(NATIVE_ATTRIBUTE_TYPES) as NativeAttribute[];
/** Drawn twice as often as other date operators: window edges are where mistakes hide. */
const RELATIVE_OPERATORS = ['withinLast', 'notWithinLast'] as const;
const NO_VALUE_OPERATORS = ['isSet', 'isNotSet', 'isTrue', 'isFalse', 'isEmpty', 'isNotEmpty'];
/** The type each event property usually has (the events also carry strays of other types). */
const PROPERTY_TYPES: Record<string, ValueType> = {
  p: 'string',
  q: 'number',
  r: 'list',
  t: 'date',
  'o.k': 'string',
};

const experienceArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    type: fc.constant('experience'),
    experienceId: fc.constantFrom(...EXPERIENCES),
    operator: fc.constantFrom('seen', 'notSeen', 'completed', 'notCompleted'),
  }),
  fc.record(
    {
      type: fc.constant('experience'),
      experienceId: fc.constantFrom(...EXPERIENCES),
      operator: fc.constant('answered'),
      stepId: fc.constantFrom(...STEPS),
      values: fc.subarray(ANSWERS, { minLength: 1 }),
    },
    { requiredKeys: ['type', 'experienceId', 'operator', 'stepId'] },
  ),
) as fc.Arbitrary<Condition>;

const occurrenceArb = fc.oneof(
  fc.constantFrom({ operator: 'occurred' }, { operator: 'notOccurred' }),
  fc.record({
    operator: fc.constantFrom('atLeast', 'atMost', 'exactly'),
    count: fc.integer({ min: 0, max: 3 }),
  }),
);

/**
 * Stored segments that rules may reference, in a chain: seg_r1 may reference seg_r2 and
 * seg_r3, seg_r2 may reference seg_r3 (references inside referenced segments, never a cycle).
 */
export const REFERENCE_IDS = ['seg_r1', 'seg_r2', 'seg_r3'];

/** A stored document and whether its integers are written as BSON Doubles instead of Int32. */
export interface Stored<T> {
  document: T;
  integersAsDouble: boolean;
}

/**
 * One case of the differential test: an evaluation time, a dataset (profiles of P_WS, the
 * first user's twin in P_OTHER_WS, events of both workspaces), the stored segments that
 * rules reference (REFERENCE_IDS, in order) and `rulesPerCase` rule trees.
 */
const MAX_USERS = 12;
/** User ids, some with a non-ASCII letter (batch paging sorts by code point). */
const userIdAt = (i: number) => `u${String(i).padStart(2, '0')}${i % 3 === 0 ? 'é' : ''}`;
const withFields = <T>(stored: Stored<T>, fields: Partial<T>): Stored<T> => ({
  ...stored,
  document: { ...stored.document, ...fields },
});

export const differentialCaseArb = (rulesPerCase: number) =>
  fc.tuple(nowArb, caseWindowsArb).chain(([now, windows]) => {
    const { profileArb, eventArb, rulesArb } = arbitrariesAt(now, windows);
    const stored = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Stored<T>> =>
      fc.record({ document: arbitrary, integersAsDouble: fc.boolean() });
    // Arrays (not one tuple per user) so that fast-check shrinks a failure to a few documents.
    const dataset = fc
      .record({
        profiles: fc.array(stored(profileArb('')), { minLength: 1, maxLength: MAX_USERS }),
        foreignTwin: stored(profileArb('')),
        events: fc.array(fc.tuple(fc.nat(MAX_USERS - 1), stored(eventArb(''))), {
          maxLength: 40,
        }),
      })
      .map(({ profiles, foreignTwin, events }) => ({
        profiles: profiles.map((p, i) => withFields(p, { userId: userIdAt(i) })),
        foreignTwin: withFields(foreignTwin, { userId: userIdAt(0), workspaceId: P_OTHER_WS }),
        events: events.map(([owner, e]) =>
          withFields(e, { userId: userIdAt(owner % profiles.length) }),
        ),
      }));
    return fc.record({
      now: fc.constant(now),
      data: dataset,
      references: fc.tuple(
        rulesArb(REFERENCE_IDS.slice(1)),
        rulesArb(REFERENCE_IDS.slice(2)),
        rulesArb(),
      ),
      rules: fc.array(rulesArb(REFERENCE_IDS), {
        minLength: rulesPerCase,
        maxLength: rulesPerCase,
      }),
    });
  });
