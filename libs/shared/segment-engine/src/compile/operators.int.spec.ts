import { compileSegment } from './compile-segment';
import { evaluate } from '../evaluate/evaluate';
import { buildPlan } from '../plan/build-plan';
import { countMembers, listAllMembers } from '../plan/execute';
import type { Condition, RuleGroup, SegmentRules } from '../rules/types';
import { validateSegmentRules } from '../validation/validate';
import { type Db, Double, Int32, MongoClient } from 'mongodb';
import { freshDbName, mongoUri, sourceFor } from '../testing/test-db.test-helper';
import { CATALOG, EVENTS, FOREIGN, NOW, PROFILES, WS } from '../testing/fixtures.test-helper';

type Item = Condition | RuleGroup;
const and = (...conditions: Item[]): RuleGroup => ({ type: 'group', operator: 'and', conditions });
const or = (...conditions: Item[]): RuleGroup => ({ type: 'group', operator: 'or', conditions });
const attr = (attribute: string, operator: string, value?: unknown) =>
  ({ type: 'attribute', attribute, operator, value }) as Condition;
const sdk = (key: string, operator: string, value?: unknown, source = 'sdk') =>
  ({ type: 'customAttribute', source, key, operator, value }) as Condition;
const exp = (experienceId: string, operator: string, extra: object = {}) =>
  ({ type: 'experience', experienceId, operator, ...extra }) as Condition;
const ev = (name: string, extra: object = {}) =>
  ({ type: 'event', source: 'jimo', name, ...extra }) as Condition;
const seg = (segmentId: string, operator: 'in' | 'notIn') =>
  ({ type: 'segment', segmentId, operator }) as Condition;

const A = 'u_full';
const E = 'u_empty';
const O = 'u_other';
const R = 'u_regex';
const ALL = [A, E, O, R];

const SEGMENTS: Record<string, SegmentRules> = {
  seg_beta: and(attr('tags', 'contains', 'beta')),
  seg_inviters: and(ev('Invited teammate', { occurrence: { operator: 'atLeast', count: 1 } })),
  seg_chain: and(
    seg('seg_beta', 'in'),
    ev('Exported', { occurrence: { operator: 'notOccurred' } }),
  ),
  seg_everyone: { type: 'group', operator: 'or', conditions: [] },
};

const CASES: Array<[string, Item | SegmentRules, string[]]> = [
  // strings: case-insensitive, literal, negatives match missing
  ['name equals (case)', attr('name', 'equals', 'alice SMITH'), [A]],
  ['name notEquals matches missing', attr('name', 'notEquals', 'BOB'), [A, E, R]],
  ['email notEquals matches missing', attr('email', 'notEquals', 'bob@example.org'), [A, E, R]],
  ['email contains', attr('email', 'contains', '@ACME.'), [A, R]],
  ['contains literal +', attr('email', 'contains', '+'), [R]],
  ['contains literal .', attr('name', 'contains', '.'), [R]],
  ['startsWith literal .', attr('name', 'startsWith', 'A.'), [R]],
  ['endsWith', attr('email', 'endsWith', '@ACME.COM'), [A, R]],
  ['endsWith literal $', attr('email', 'endsWith', '.com$'), []],
  ['notContains matches missing', attr('name', 'notContains', 'smith'), [E, O, R]],
  ['in', attr('name', 'in', ['BOB', 'a.c']), [O, R]],
  ['notIn matches missing', attr('name', 'notIn', ['bob']), [A, E, R]],
  ['name isSet (null = not set)', attr('name', 'isSet'), [A, O, R]],
  ['name isNotSet', attr('name', 'isNotSet'), [E]],
  ['equals with . * + ? ( [ \\ $', sdk('company.name', 'equals', 'a.c*m+e? (x) [y] \\z $w'), [A]],
  ['contains ( [ \\', sdk('company.name', 'contains', '(x) [y] \\z'), [A]],
  ['startsWith *', sdk('company.name', 'startsWith', 'a.c*'), [A]],
  ['equals is anchored (trailing newline)', sdk('plan', 'equals', 'pro'), [A]],
  ['endsWith is anchored at end of text', sdk('plan', 'endsWith', 'PRO'), [A]],
  ['contains crosses newline values', sdk('plan', 'contains', 'pro'), [A, R]],
  ['notEquals: null value counts as missing', sdk('plan', 'notEquals', 'pro'), [E, O, R]],
  ['sources are distinct', sdk('plan', 'equals', 'enterprise', 'segment'), [A]],
  ['same key other source', sdk('plan', 'equals', 'enterprise'), []],
  ['value starting with $ stays a value', sdk('tier', 'equals', '$GOLD', 'customerio'), [R]],
  ['startsWith $', sdk('tier', 'startsWith', '$', 'customerio'), [R]],
  ['never-seen attribute isNotSet', sdk('ghost', 'isNotSet'), ALL],
  ['never-seen attribute notEquals', sdk('ghost', 'notEquals', 'x'), ALL],
  ['never-seen attribute equals', sdk('ghost', 'equals', 'x'), []],
  ['plan isSet', sdk('plan', 'isSet'), [A, O, R]],
  // numbers
  ['sessions equals', attr('sessions', 'equals', 5), [A]],
  ['sessions notEquals', attr('sessions', 'notEquals', 5), [E, O, R]],
  ['sessions greaterThan', attr('sessions', 'greaterThan', 5), [R]],
  ['sessions greaterThanOrEqual', attr('sessions', 'greaterThanOrEqual', 5), [A, R]],
  ['sessions lessThan', attr('sessions', 'lessThan', 1), [E]],
  ['sessions lessThanOrEqual', attr('sessions', 'lessThanOrEqual', 1), [E, O]],
  ['sessions between inclusive', attr('sessions', 'between', [1, 5]), [A, O]],
  ['negative decimals', sdk('score', 'between', [-2, -1]), [O]],
  ['number notEquals matches missing', sdk('score', 'notEquals', 42), [E, O]],
  ['number isNotSet', sdk('employees', 'isNotSet', undefined, 'hubspot'), [E, O, R]],
  // dates
  ['before date-only is strict at midnight', attr('createdAt', 'before', '2026-01-01'), [E]],
  ['after date-only = after that whole day', attr('createdAt', 'after', '2026-03-31'), [R]],
  ['after date-time', attr('createdAt', 'after', '2026-03-31T23:59:59.998Z'), [O, R]],
  [
    'between inclusive, to = end of day',
    attr('createdAt', 'between', ['2026-01-01', '2026-03-31']),
    [A, O],
  ],
  [
    'withinLast includes the boundary',
    attr('lastActivityAt', 'withinLast', { amount: 7, unit: 'days' }),
    [A, O],
  ],
  ['notWithinLast', attr('lastActivityAt', 'notWithinLast', { amount: 7, unit: 'days' }), [E, R]],
  [
    'withinLast months',
    attr('lastActivityAt', 'withinLast', { amount: 1, unit: 'months' }),
    [A, O, R],
  ],
  [
    'withinLast excludes the future',
    sdk('renewal', 'withinLast', { amount: 30, unit: 'days' }),
    [O],
  ],
  [
    'notWithinLast needs a set date',
    sdk('renewal', 'notWithinLast', { amount: 7, unit: 'days' }),
    [O],
  ],
  ['date isNotSet', sdk('renewal', 'isNotSet'), [E, R]],
  // booleans
  ['isTrue', sdk('active', 'isTrue'), [A]],
  ['isFalse needs a set value', sdk('active', 'isFalse'), [O]],
  ['boolean isNotSet', sdk('active', 'isNotSet'), [E, R]],
  // lists
  ['list contains (case)', attr('tags', 'contains', 'vip'), [A]],
  ['list contains literal', attr('tags', 'contains', 'A.B'), [R]],
  ['list contains is element equality', attr('tags', 'contains', 'a'), []],
  ['list notContains', attr('tags', 'notContains', 'beta'), [E, R]],
  ['containsAny', attr('tags', 'containsAny', ['BETA', 'x*']), [A, O, R]],
  ['containsAll', attr('tags', 'containsAll', ['beta', 'vip']), [A]],
  ['isEmpty', attr('tags', 'isEmpty'), [E]],
  ['isNotEmpty', attr('tags', 'isNotEmpty'), [A, O, R]],
  ['isEmpty matches a missing list', sdk('roles', 'isEmpty'), [E, O]],
  ['custom list isNotEmpty', sdk('roles', 'isNotEmpty'), [A, R]],
  ['empty list isSet', sdk('roles', 'isSet'), [A, E, R]],
  ['list notContains matches missing', sdk('roles', 'notContains', 'admin'), [E, O]],
  ['custom list contains', sdk('roles', 'contains', 'ADMIN'), [A, R]],
  // experiences
  ['seen', exp('exp_1', 'seen'), [A]],
  ['notSeen includes users without interactions', exp('exp_1', 'notSeen'), [E, O, R]],
  ['seen other', exp('exp_2', 'seen'), [A, O]],
  ['completed', exp('exp_1', 'completed'), [A]],
  ['notCompleted', exp('exp_1', 'notCompleted'), [E, O, R]],
  ['answered value', exp('exp_1', 'answered', { stepId: 'q1', values: ['Very useful'] }), [A]],
  ['answered overlap', exp('exp_1', 'answered', { stepId: 'q1', values: ['Nope', 'Fast'] }), [A]],
  ['answered none of', exp('exp_1', 'answered', { stepId: 'q1', values: ['Nope'] }), []],
  ['answered anything', exp('exp_1', 'answered', { stepId: 'q1' }), [A]],
  ['answered other step', exp('exp_1', 'answered', { stepId: 'q2' }), []],
  // events
  ['occurred', ev('Invited teammate'), [A, O, R]],
  [
    'notOccurred includes users with no events',
    ev('Invited teammate', { occurrence: { operator: 'notOccurred' } }),
    [E],
  ],
  ['atLeast 3', ev('Invited teammate', { occurrence: { operator: 'atLeast', count: 3 } }), [A]],
  [
    'atLeast 0 is everyone',
    ev('Invited teammate', { occurrence: { operator: 'atLeast', count: 0 } }),
    ALL,
  ],
  [
    'atMost 1 includes no events',
    ev('Invited teammate', { occurrence: { operator: 'atMost', count: 1 } }),
    [E, O, R],
  ],
  ['exactly 0', ev('Invited teammate', { occurrence: { operator: 'exactly', count: 0 } }), [E]],
  ['exactly 1', ev('Invited teammate', { occurrence: { operator: 'exactly', count: 1 } }), [O, R]],
  ['exactly 3', ev('Invited teammate', { occurrence: { operator: 'exactly', count: 3 } }), [A]],
  [
    'last 7 days includes the boundary',
    ev('Invited teammate', { period: { type: 'last', amount: 7, unit: 'days' } }),
    [A, O],
  ],
  [
    'notOccurred in last 7 days',
    ev('Invited teammate', {
      occurrence: { operator: 'notOccurred' },
      period: { type: 'last', amount: 7, unit: 'days' },
    }),
    [E, R],
  ],
  [
    'source segment is another event',
    { ...ev('Invited teammate'), source: 'segment' } as Condition,
    [A],
  ],
  [
    'property equals ignores case',
    ev('Invited teammate', {
      occurrence: { operator: 'atLeast', count: 2 },
      properties: [{ key: 'role', operator: 'equals', value: 'ADMIN' }],
    }),
    [A],
  ],
  [
    'property notEquals',
    ev('Invited teammate', {
      properties: [{ key: 'role', operator: 'notEquals', value: 'admin' }],
    }),
    [A],
  ],
  [
    'property number',
    ev('Invited teammate', { properties: [{ key: 'seats', operator: 'greaterThan', value: 2 }] }),
    [A],
  ],
  [
    'property list',
    ev('Invited teammate', {
      properties: [{ key: 'tags', operator: 'contains', value: 'y', type: 'list' }],
    }),
    [A],
  ],
  [
    'string property: a list value is not a string',
    ev('Stray', {
      properties: [{ key: 'kind', operator: 'equals', value: 'admin', type: 'string' }],
    }),
    [R],
  ],
  [
    'string property: a list value is not set',
    ev('Stray', { properties: [{ key: 'kind', operator: 'isNotSet', type: 'string' }] }),
    [A, O],
  ],
  [
    'string property notEquals: a list value counts as missing',
    ev('Stray', {
      properties: [{ key: 'kind', operator: 'notEquals', value: 'admin', type: 'string' }],
    }),
    [A, O],
  ],
  [
    'list property: a plain string is not a list',
    ev('Stray', {
      properties: [{ key: 'labels', operator: 'contains', value: 'vip', type: 'list' }],
    }),
    [A],
  ],
  [
    'list property notContains: a plain string counts as missing',
    ev('Stray', {
      properties: [{ key: 'labels', operator: 'notContains', value: 'vip', type: 'list' }],
    }),
    [O, R],
  ],
  [
    'period between inclusive',
    ev('Exported', { period: { type: 'between', from: '2026-06-01', to: '2026-06-01' } }),
    [O],
  ],
  ['period before', ev('Exported', { period: { type: 'before', date: '2026-06-01' } }), [R]],
  [
    'period after date-only',
    ev('Exported', { period: { type: 'after', date: '2026-05-31' } }),
    [O],
  ],
  // groups and mixing
  [
    'or with event',
    or(
      attr('sessions', 'equals', 0),
      ev('Invited teammate', { period: { type: 'last', amount: 7, unit: 'days' } }),
    ),
    [A, E, O],
  ],
  [
    'and with notOccurred',
    and(
      attr('tags', 'contains', 'beta'),
      ev('Exported', { occurrence: { operator: 'notOccurred' } }),
    ),
    [A],
  ],
  [
    'nested groups',
    and(
      or(attr('name', 'equals', 'bob'), attr('name', 'equals', 'a.c')),
      or(ev('Exported'), attr('sessions', 'greaterThan', 100)),
    ),
    [O, R],
  ],
  ['empty root and', and(), ALL],
  ['empty root or', or(), ALL],
  // segment references
  ['segment in', seg('seg_beta', 'in'), [A, O]],
  ['segment notIn', seg('seg_beta', 'notIn'), [E, R]],
  ['segment chain', seg('seg_chain', 'in'), [A]],
  ['notIn a segment with events', seg('seg_inviters', 'notIn'), [E]],
  ['in an empty segment', seg('seg_everyone', 'in'), ALL],
];

describe('operators and edge cases: one-user evaluator and FerretDB plan agree with the spec', () => {
  let client: MongoClient;
  let t: { db: Db; source: ReturnType<typeof sourceFor> };

  beforeAll(async () => {
    client = await MongoClient.connect(mongoUri());
    const db = client.db(freshDbName('engine_ops'));
    t = { db, source: sourceFor(db) };
    await t.db.collection('profiles').insertMany([...PROFILES, FOREIGN].map((p) => ({ ...p })));
    await t.db.collection('events').insertMany(EVENTS.map((e) => ({ ...e })));
  });
  afterAll(async () => {
    await t?.db.dropDatabase();
    await client?.close();
  });

  it.each(CASES)('%s', async (_label, item, expected) => {
    const rules = (item.type === 'group' ? item : and(item)) as SegmentRules;
    const validation = validateSegmentRules(rules, {
      catalog: CATALOG,
      segmentExists: (id) => id in SEGMENTS,
    });
    expect(validation).toEqual({ ok: true, rules });
    const compiled = compileSegment(rules, {
      catalog: CATALOG,
      resolveSegment: (id) => SEGMENTS[id],
    });

    const oneUser = PROFILES.filter((profile) =>
      evaluate(compiled, {
        profile,
        events: EVENTS.filter((e) => e.userId === profile.userId),
        now: NOW,
      }),
    ).map((p) => p.userId);
    expect(oneUser.sort()).toEqual([...expected].sort());

    const plan = buildPlan(compiled, { workspaceId: WS, now: NOW });
    const batch = await listAllMembers(plan, t.source, { pageSize: 2, chunkSize: 2 });
    expect(batch).toEqual([...expected].sort());
    expect(await countMembers(plan, t.source, { chunkSize: 1 })).toBe(expected.length);
  });
});

describe('stored BSON number types: one-user evaluator and FerretDB plan agree', () => {
  const INT = 'u_int32';
  const DOUBLE = 'u_double';
  const TEXT = 'u_numeric_text';
  // 42 as an Int32, 42 as a BSON Double, and "42" as a string where the catalog says number
  // (the syncs normalise "42" before storing; a string that slips through is not a number).
  const stored = [
    { userId: INT, score: new Int32(42), employees: new Int32(7) },
    { userId: DOUBLE, score: new Double(42), employees: new Double(7.5) },
    { userId: TEXT, score: '42', employees: '42' },
  ].map(({ userId, score, employees }) => ({
    workspaceId: WS,
    userId,
    createdAt: NOW,
    lastActivityAt: NOW,
    sessions: 1,
    tags: [],
    custom: { sdk: { score }, hubspot: { employees } },
    experiences: { seen: [], completed: [], answers: [] },
  }));
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await MongoClient.connect(mongoUri());
    db = client.db(freshDbName('engine_bson_numbers'));
    await db.collection('profiles').insertMany(stored);
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
  });

  it('stores what the cases below claim (a BSON double, an int32, a string)', async () => {
    const raw = await db
      .collection('profiles')
      .find({}, { promoteValues: false, sort: { userId: 1 } })
      .toArray();
    const score = (userId: string) =>
      (
        raw.find((doc) => String(doc['userId']) === userId)?.['custom'] as {
          sdk: { score: unknown };
        }
      ).sdk.score;
    expect(score(DOUBLE)).toBeInstanceOf(Double);
    expect(score(INT)).toBeInstanceOf(Int32);
    expect(String(score(TEXT))).toBe('42');
    expect(
      await db.collection('profiles').countDocuments({ 'custom.sdk.score': { $type: 'double' } }),
    ).toBe(1);
    expect(
      await db.collection('profiles').countDocuments({ 'custom.sdk.score': { $type: 'string' } }),
    ).toBe(1);
  });

  const BSON_CASES: Array<[string, Condition, string[]]> = [
    [
      'an int32 and a double of the same value are equal',
      sdk('score', 'equals', 42),
      [INT, DOUBLE],
    ],
    ['a double is a set number', sdk('score', 'isSet'), [INT, DOUBLE]],
    ['a numeric string is not a set number', sdk('score', 'isNotSet'), [TEXT]],
    ['a numeric string does not equal the number', sdk('employees', 'equals', 42, 'hubspot'), []],
    [
      'a numeric string is not greater than anything',
      sdk('employees', 'greaterThan', 0, 'hubspot'),
      [INT, DOUBLE],
    ],
    ['a double keeps its fraction', sdk('employees', 'greaterThan', 7, 'hubspot'), [DOUBLE]],
    [
      'notEquals matches a numeric string (not that number)',
      sdk('employees', 'notEquals', 7.5, 'hubspot'),
      [INT, TEXT],
    ],
  ];

  it.each(BSON_CASES)('%s', async (_label, condition, expected) => {
    const compiled = compileSegment(and(condition), {
      catalog: CATALOG,
      resolveSegment: () => undefined,
    });
    // The one-user way gets profiles as the driver reads them back, as services do.
    const profiles = await db.collection('profiles').find({}).toArray();
    const oneUser = profiles
      .filter((profile) => evaluate(compiled, { profile, now: NOW }))
      .map((profile) => String(profile['userId']));
    expect(oneUser.sort()).toEqual([...expected].sort());

    const plan = buildPlan(compiled, { workspaceId: WS, now: NOW });
    expect(await listAllMembers(plan, sourceFor(db), { pageSize: 2, chunkSize: 2 })).toEqual(
      [...expected].sort(),
    );
  });
});
