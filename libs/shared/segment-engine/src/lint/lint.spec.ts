import fc from 'fast-check';
import type { Condition, RuleGroup, SegmentRules } from '../rules/types';
import {
  differentialCaseArb,
  P_CATALOG,
  P_WS,
  REFERENCE_IDS,
} from '../testing/arbitraries.test-helper';
import { CATALOG, NOW } from '../testing/fixtures.test-helper';
import { referenceMembers } from '../testing/reference/reference-evaluator.test-helper';
import { type LintContext, type LintWarning, lintSegmentRules } from './lint';

const RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 300);
const SEED = process.env.ENGINE_PROPERTY_SEED
  ? Number(process.env.ENGINE_PROPERTY_SEED)
  : Math.floor(Math.random() * 2 ** 31);

const and = (...conditions: Array<Condition | RuleGroup>): SegmentRules => ({
  type: 'group',
  operator: 'and',
  conditions,
});
const or = (...conditions: Array<Condition | RuleGroup>): RuleGroup => ({
  type: 'group',
  operator: 'or',
  conditions,
});
const plan = (operator: string, value?: unknown): Condition =>
  ({ type: 'customAttribute', source: 'sdk', key: 'plan', operator, value }) as Condition;
const sessions = (operator: string, value?: unknown): Condition =>
  ({ type: 'attribute', attribute: 'sessions', operator, value }) as Condition;
const lint = (rules: SegmentRules, context: LintContext = {}) =>
  lintSegmentRules(rules, { catalog: CATALOG, now: NOW, ...context });
const codes = (warnings: LintWarning[]) => warnings.map((w) => `${w.code}@${w.path}`);

describe('lintSegmentRules', () => {
  it('finds no warning in ordinary rules', () => {
    const rules = and(
      plan('equals', 'pro'),
      sessions('greaterThan', 3),
      or(plan('in', ['a', 'b'])),
    );
    expect(lint(rules)).toEqual([]);
  });

  it('names a contradiction and the filter it contradicts', () => {
    const warnings = lint(and(plan('equals', 'pro'), plan('equals', 'free')));
    expect(warnings).toEqual([
      {
        path: 'rules.conditions[1]',
        code: 'contradiction',
        message: expect.stringContaining("cannot equal 'pro' and 'free'"),
        related: ['rules.conditions[0]'],
      },
    ]);
  });

  it('compares strings ignoring case, as the engine does', () => {
    expect(lint(and(plan('equals', 'Pro'), plan('equals', 'pro')))).toEqual([
      expect.objectContaining({ code: 'duplicate', path: 'rules.conditions[1]' }),
    ]);
  });

  it.each([
    ['number ranges that do not meet', [sessions('greaterThan', 10), sessions('lessThan', 5)]],
    [
      'a closed edge against an open one',
      [sessions('lessThanOrEqual', 5), sessions('greaterThan', 5)],
    ],
    ['between and equals', [sessions('between', [1, 3]), sessions('equals', 4)]],
    ['equals and its negation', [plan('equals', 'pro'), plan('notEquals', 'PRO')]],
    ['in and notIn of the same values', [plan('in', ['a', 'b']), plan('notIn', ['b', 'a'])]],
    ['equals outside an in list', [plan('equals', 'c'), plan('in', ['a', 'b'])]],
    ['isSet and isNotSet', [plan('isSet'), plan('isNotSet')]],
    ['a comparison and isNotSet', [plan('startsWith', 'p'), plan('isNotSet')]],
    [
      'dates before and after',
      [
        { type: 'attribute', attribute: 'createdAt', operator: 'before', value: '2026-01-01' },
        { type: 'attribute', attribute: 'createdAt', operator: 'after', value: '2026-01-01' },
      ],
    ],
    [
      'a list that must and must not contain a tag',
      [
        { type: 'attribute', attribute: 'tags', operator: 'containsAll', value: ['vip', 'beta'] },
        { type: 'attribute', attribute: 'tags', operator: 'notContains', value: 'VIP' },
      ],
    ],
    [
      'seen and not seen',
      [
        { type: 'experience', experienceId: 'exp_1', operator: 'seen' },
        { type: 'experience', experienceId: 'exp_1', operator: 'notSeen' },
      ],
    ],
    [
      'at least 3 and at most 2 of one event',
      [
        { type: 'event', source: 'jimo', name: 'A', occurrence: { operator: 'atLeast', count: 3 } },
        { type: 'event', source: 'jimo', name: 'A', occurrence: { operator: 'atMost', count: 2 } },
      ],
    ],
  ] as Array<[string, Condition[]]>)('%s contradict', (_, conditions) => {
    expect(codes(lint(and(...conditions)))).toContain('contradiction@rules.conditions[1]');
  });

  it('sees a contradiction through a nested AND, and none through an OR', () => {
    const nested = and(plan('equals', 'pro'), and(sessions('isSet'), plan('equals', 'free')));
    expect(codes(lint(nested))).toContain('contradiction@rules.conditions[1].conditions[1]');
    const alternatives = and(
      plan('equals', 'pro'),
      or(plan('equals', 'free'), sessions('equals', 2)),
    );
    expect(codes(lint(alternatives)).filter((c) => c.startsWith('contradiction'))).toEqual([]);
  });

  it.each([
    [
      'not a contradiction: different attributes',
      [
        plan('equals', 'pro'),
        {
          type: 'customAttribute',
          source: 'hubspot',
          key: 'plan',
          operator: 'equals',
          value: 'free',
        },
      ],
    ],
    [
      'not a contradiction: touching closed ranges',
      [sessions('lessThanOrEqual', 5), sessions('greaterThanOrEqual', 5)],
    ],
    ['not a contradiction: overlapping in lists', [plan('in', ['a', 'b']), plan('in', ['b', 'c'])]],
    [
      'not a contradiction: isTrue and isSet',
      [
        { type: 'customAttribute', source: 'sdk', key: 'flag', operator: 'isTrue' },
        { type: 'customAttribute', source: 'sdk', key: 'flag', operator: 'isSet' },
      ],
    ],
  ] as Array<[string, Condition[]]>)('%s', (_, conditions) => {
    const catalog = [...CATALOG, { source: 'sdk' as const, key: 'flag', type: 'boolean' as const }];
    expect(lintSegmentRules(and(...conditions), { catalog })).toEqual([]);
  });

  it('calls a condition and its opposite in an OR always true', () => {
    const rules = and(or(plan('isSet'), plan('isNotSet')));
    expect(codes(lint(rules))).toEqual(['alwaysTrue@rules.conditions[0].conditions[1]']);
  });

  it.each([
    [sessions('greaterThanOrEqual', 0), 'alwaysTrue'],
    [sessions('lessThan', 0), 'alwaysFalse'],
    [sessions('equals', 1.5), 'alwaysFalse'],
    [sessions('between', [1.2, 1.8]), 'alwaysFalse'],
    [sessions('isSet'), 'alwaysTrue'],
    [
      { type: 'event', source: 'jimo', name: 'A', occurrence: { operator: 'atLeast', count: 0 } },
      'alwaysTrue',
    ],
  ] as Array<[Condition, string]>)('%j is %s', (condition, code) => {
    expect(codes(lint(and(condition)))).toEqual([`${code}@rules.conditions[0]`]);
  });

  it('flags duplicates within a group, not across groups', () => {
    const rules = and(plan('in', ['a', 'b']), or(plan('in', ['b', 'a'])), plan('in', ['B', 'a']));
    expect(codes(lint(rules))).toEqual(['duplicate@rules.conditions[2]']);
  });

  it('flags empty values', () => {
    expect(codes(lint(and(plan('contains', ''))))).toEqual(['emptyValue@rules.conditions[0]']);
    expect(codes(lint(and(plan('in', ['pro', '']))))).toEqual(['emptyValue@rules.conditions[0]']);
  });

  it('says which value has no users and the near match that has some', () => {
    const knownValues = () => [
      { value: 'pro', users: 1240 },
      { value: 'free', users: 90 },
    ];
    const [warning] = lint(and(plan('equals', 'prro')), { knownValues });
    expect(warning).toMatchObject({ code: 'unseenValue', path: 'rules.conditions[0]' });
    expect(warning.message).toContain("'prro' has 0 users, 'pro' has 1,240");
    expect(lint(and(plan('equals', 'PRO')), { knownValues })).toEqual([]);
    expect(lint(and(plan('equals', 'enterprise')), { knownValues })[0].message).toContain(
      "'enterprise' has 0 users",
    );
  });

  it('warns when a negation makes an OR match almost everyone, only with the coverage known', () => {
    const rules = and(or(plan('notEquals', 'pro'), sessions('greaterThan', 3)));
    expect(lint(rules)).toEqual([]);
    const warnings = lint(rules, { coverage: () => 0.1 });
    expect(codes(warnings)).toEqual(['broadNegation@rules.conditions[0].conditions[0]']);
    expect(warnings[0].message).toContain('90% of users have no plan (sdk)');
    expect(lint(rules, { coverage: () => 0.5 })).toEqual([]);
  });

  it('warns once about an attribute no user has had for 30 days', () => {
    const lastWrittenAt = () => new Date(NOW.getTime() - 42 * 86_400_000);
    const warnings = lint(and(plan('equals', 'pro'), or(plan('equals', 'free'))), {
      lastWrittenAt,
    });
    expect(codes(warnings)).toEqual(['staleAttribute@rules.conditions[0]']);
    expect(warnings[0].message).toContain('for 42 days');
    const fresh = () => new Date(NOW.getTime() - 29 * 86_400_000);
    expect(lint(and(plan('equals', 'pro')), { lastWrittenAt: fresh })).toEqual([]);
  });

  it('warns about a reference to a segment with no members', () => {
    const rules = and({ type: 'segment', segmentId: 'seg_empty', operator: 'in' });
    expect(codes(lint(rules, { segmentSize: () => 0 }))).toEqual([
      'emptySegment@rules.conditions[0]',
    ]);
    expect(lint(rules, { segmentSize: () => 3 })).toEqual([]);
  });

  // Soundness: whatever the lint claims about the data-free meaning of the rules holds for
  // every user of random datasets, by the reference evaluator (written from the spec alone).
  it(`never claims what the reference evaluator contradicts (seed ${SEED})`, () => {
    let claims = 0;
    fc.assert(
      fc.property(differentialCaseArb(4), ({ now, data, references, rules: cases }) => {
        const segments: Record<string, SegmentRules> = {};
        REFERENCE_IDS.forEach((id, i) => (segments[id] = references[i]));
        const world = {
          workspaceId: P_WS,
          now,
          catalog: P_CATALOG,
          segments,
          events: data.events.map((e) => e.document),
        };
        // The profile store requires sessions, a whole number ≥ 0 (the arbitraries also draw
        // profiles without it, for the evaluators' sake).
        const profiles = data.profiles.map(({ document }) => ({
          ...document,
          sessions:
            typeof document.sessions === 'number' ? Math.max(0, Math.round(document.sessions)) : 0,
        }));
        const everyone = profiles.map((p) => p.userId).sort();
        for (const rules of cases) {
          for (const warning of lintSegmentRules(rules, { catalog: P_CATALOG, now })) {
            const nodes = [warning.path, ...(warning.related ?? [])].map((p) => nodeAt(rules, p));
            const members = (operator: 'and' | 'or') =>
              referenceMembers({ type: 'group', operator, conditions: nodes }, profiles, world);
            const context = () => `${JSON.stringify(warning)} in ${JSON.stringify(rules)}`;
            if (warning.code === 'contradiction' || warning.code === 'alwaysFalse') {
              claims += 1;
              if (members('and').length > 0) throw new Error(`someone matches: ${context()}`);
            }
            if (warning.code === 'alwaysTrue') {
              claims += 1;
              const operator = nodes.length > 1 ? 'or' : 'and';
              if (members(operator).join() !== everyone.join())
                throw new Error(`someone does not match: ${context()}`);
            }
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The random rules must exercise the claims, or the property proves nothing.
    expect(claims).toBeGreaterThan(20);
  });
});

function nodeAt(rules: SegmentRules, path: string): Condition | RuleGroup {
  let node: Condition | RuleGroup = rules;
  for (const match of path.matchAll(/conditions\[(\d+)\]/g)) {
    node = (node as RuleGroup).conditions[Number(match[1])];
  }
  return node;
}
