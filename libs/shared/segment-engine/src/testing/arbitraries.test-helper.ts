// Test-only fast-check arbitraries: random profiles, events and rule trees.
import fc from 'fast-check';
import { answerToken, type EventDocument, type ProfileDocument } from '../documents/profile';
import { NATIVE_ATTRIBUTE_TYPES, OPERATORS_BY_TYPE } from '../rules/operators';
import type {
  CatalogEntry,
  Condition,
  NativeAttribute,
  RuleGroup,
  ValueType,
} from '../rules/types';

export const P_NOW = new Date('2026-06-15T12:00:00.000Z');
export const P_WS = 'ws_prop';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const P_CATALOG: CatalogEntry[] = [
  { source: 'sdk', key: 's', type: 'string' },
  { source: 'sdk', key: 'n', type: 'number' },
  { source: 'sdk', key: 'd', type: 'date' },
  { source: 'sdk', key: 'b', type: 'boolean' },
  { source: 'sdk', key: 'l', type: 'list' },
  { source: 'sdk', key: 'co.name', type: 'string' },
  { source: 'hubspot', key: 's', type: 'string' },
  { source: 'segment', key: 'n', type: 'number' },
];

const CHARS = ['a', 'A', 'b', 'B', '.', '*', '$', '\\', '(', '[', '+', '?', '^', '|', ' ', '\n'];
const str = fc.array(fc.constantFrom(...CHARS), { maxLength: 3 }).map((a) => a.join(''));
const strList = fc.array(str, { minLength: 1, maxLength: 3 });
const num = fc.constantFrom(-2, -1, 0, 0.5, 1, 2, 3, 42);
const OFFSETS = [
  0,
  1,
  -1,
  MIN,
  HOUR,
  DAY,
  7 * DAY,
  7 * DAY + 1,
  7 * DAY - 1,
  30 * DAY,
  31 * DAY,
  400 * DAY,
  -DAY,
];
const EXTRA_DATES = [
  '2026-05-15T12:00:00.000Z',
  '2026-06-08T00:00:00.000Z',
  '2026-06-08T23:59:59.999Z',
  '2026-06-09T00:00:00.000Z',
];
const DATE_POOL = [
  ...OFFSETS.map((o) => new Date(P_NOW.getTime() - o)),
  ...EXTRA_DATES.map((s) => new Date(s)),
];
const date = fc.constantFrom(...DATE_POOL);
const isoValue = fc.oneof(
  date.map((d) => d.toISOString()),
  fc.constantFrom('2026-06-08', '2026-06-15', '2026-05-15'),
);
const window = fc.record({
  amount: fc.integer({ min: 1, max: 8 }),
  unit: fc.constantFrom('minutes', 'hours', 'days', 'weeks', 'months'),
});

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

export const profileArb = (userId: string): fc.Arbitrary<ProfileDocument> =>
  fc
    .record({
      name: slot('string'),
      email: slot('string'),
      createdAt: date,
      lastActivityAt: date,
      sessions: fc.integer({ min: 0, max: 4 }),
      tags: fc.array(str, { maxLength: 3 }),
      custom: fc.tuple(...P_CATALOG.map((c) => slot(c.type))),
      seen: fc.subarray(EXPERIENCES),
      completed: fc.subarray(EXPERIENCES),
      answers: fc.array(
        fc.tuple(fc.constantFrom(...EXPERIENCES), fc.constantFrom(...STEPS), fc.subarray(ANSWERS)),
        { maxLength: 2 },
      ),
    })
    .map((r) => {
      const custom: Record<string, Record<string, unknown>> = {};
      P_CATALOG.forEach((c, i) => put((custom[c.source] ??= {}), c.key, r.custom[i]));
      const answers = r.answers.flatMap(([e, s, values]) => [
        answerToken(e, s),
        ...values.map((v) => answerToken(e, s, v)),
      ]);
      const p: ProfileDocument = {
        workspaceId: P_WS,
        userId,
        createdAt: r.createdAt,
        lastActivityAt: r.lastActivityAt,
        sessions: r.sessions,
        tags: r.tags,
        custom: custom as ProfileDocument['custom'],
        experiences: {
          seen: [...new Set([...r.seen, ...r.completed])],
          completed: r.completed,
          answers: [...new Set(answers)],
        },
      };
      if (r.name !== undefined) p.name = r.name as string | null;
      if (r.email !== undefined) p.email = r.email as string | null;
      return p;
    });

const EVENT_NAMES = ['A', 'B'];
const PROPERTY_TYPES: Record<string, ValueType> = {
  p: 'string',
  q: 'number',
  r: 'list',
  t: 'date',
};

export const eventArb = (userId: string): fc.Arbitrary<EventDocument> =>
  fc
    .record({
      source: fc.constantFrom('jimo' as const, 'segment' as const),
      name: fc.constantFrom(...EVENT_NAMES),
      timestamp: date,
      p: slot('string'),
      q: slot('number'),
      r: slot('list'),
      t: slot('date'),
    })
    .map((r) => {
      const properties: Record<string, unknown> = {};
      for (const k of Object.keys(PROPERTY_TYPES)) put(properties, k, r[k as 'p']);
      return {
        workspaceId: P_WS,
        userId,
        source: r.source,
        name: r.name,
        timestamp: r.timestamp,
        properties,
      } as EventDocument;
    });

/** A fitting operator and value for a type. */
export const operatorValueArb = (
  type: ValueType,
): fc.Arbitrary<{ operator: string; value?: unknown }> =>
  fc
    .constantFrom(...OPERATORS_BY_TYPE[type])
    .chain((operator): fc.Arbitrary<{ operator: string; value?: unknown }> => {
      const v = (value: fc.Arbitrary<unknown>) => value.map((x) => ({ operator, value: x }));
      if (['isSet', 'isNotSet', 'isTrue', 'isFalse', 'isEmpty', 'isNotEmpty'].includes(operator))
        return fc.constant({ operator });
      if (['in', 'notIn', 'containsAny', 'containsAll'].includes(operator)) return v(strList);
      if (type === 'string' || type === 'list') return v(str);
      if (type === 'number')
        return operator === 'between'
          ? v(fc.tuple(num, num).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]))
          : v(num);
      if (operator === 'withinLast' || operator === 'notWithinLast') return v(window);
      if (operator === 'between') {
        return v(fc.tuple(isoValue, isoValue).map(([a, b]) => (a <= b ? [a, b] : [b, a])));
      }
      return v(isoValue);
    });

const NATIVE = Object.keys(NATIVE_ATTRIBUTE_TYPES) as NativeAttribute[];

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

const periodArb = fc.oneof(
  fc.record({
    type: fc.constant('last'),
    amount: fc.integer({ min: 1, max: 8 }),
    unit: fc.constantFrom('minutes', 'hours', 'days', 'weeks', 'months'),
  }),
  fc
    .tuple(isoValue, isoValue)
    .map(([a, b]) => ({ type: 'between', from: a <= b ? a : b, to: a <= b ? b : a })),
  isoValue.map((d) => ({ type: 'before', date: d })),
  isoValue.map((d) => ({ type: 'after', date: d })),
);

const propertyArb = fc
  .constantFrom(...Object.entries(PROPERTY_TYPES))
  .chain(([key, type]) => operatorValueArb(type).map((ov) => ({ key, type, ...ov })));

const occurrenceArb = fc.oneof(
  fc.constantFrom({ operator: 'occurred' }, { operator: 'notOccurred' }),
  fc.record({
    operator: fc.constantFrom('atLeast', 'atMost', 'exactly'),
    count: fc.integer({ min: 0, max: 3 }),
  }),
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

export const REFERENCE_IDS = ['seg_r1', 'seg_r2'];

const conditionArb = (withRefs: boolean): fc.Arbitrary<Condition> =>
  fc.oneof(
    { weight: 3, arbitrary: attributeArb },
    { weight: 4, arbitrary: customArb },
    { weight: 1, arbitrary: experienceArb },
    { weight: 3, arbitrary: eventConditionArb },
    ...(withRefs
      ? [
          {
            weight: 1,
            arbitrary: fc.record({
              type: fc.constant('segment'),
              segmentId: fc.constantFrom(...REFERENCE_IDS),
              operator: fc.constantFrom('in', 'notIn'),
            }) as fc.Arbitrary<Condition>,
          },
        ]
      : []),
  );

function groupArb(depth: number, withRefs: boolean, root: boolean): fc.Arbitrary<RuleGroup> {
  const item: fc.Arbitrary<Condition | RuleGroup> =
    depth >= 3
      ? conditionArb(withRefs)
      : fc.oneof(
          { weight: 3, arbitrary: conditionArb(withRefs) },
          { weight: 1, arbitrary: groupArb(depth + 1, withRefs, false) },
        );
  return fc.record({
    type: fc.constant('group' as const),
    operator: fc.constantFrom('and' as const, 'or' as const),
    conditions: fc.array(item, { minLength: root ? 0 : 1, maxLength: 4 }),
  });
}

export const rulesArb = (withRefs = true) => groupArb(1, withRefs, true);
