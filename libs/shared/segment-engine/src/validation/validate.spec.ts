import type { SegmentRules } from '../rules/types';
import { CATALOG } from '../testing/fixtures.test-helper';
import { findSegmentCycle } from './cycles';
import { validateSegmentRules } from './validate';

const ctx = { catalog: CATALOG, segmentExists: (id: string) => id.startsWith('seg_') };
const paths = (input: unknown) => {
  const r = validateSegmentRules(input, ctx);
  return r.ok ? [] : r.errors.map((e) => e.path);
};
const group = (conditions: unknown[], operator = 'and') => ({
  type: 'group',
  operator,
  conditions,
});
const cond = { type: 'attribute', attribute: 'sessions', operator: 'equals', value: 1 };

describe('validateSegmentRules', () => {
  it('accepts an empty root and every condition kind', () => {
    expect(validateSegmentRules(group([]), ctx).ok).toBe(true);
    const rules = group([
      { type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@acme.com' },
      {
        type: 'customAttribute',
        source: 'hubspot',
        key: 'lifecyclestage',
        operator: 'in',
        value: ['a'],
      },
      {
        type: 'experience',
        experienceId: 'exp_1',
        operator: 'answered',
        stepId: 'q1',
        values: ['x'],
      },
      {
        type: 'event',
        source: 'jimo',
        name: 'Invited teammate',
        occurrence: { operator: 'atLeast', count: 3 },
        period: { type: 'last', amount: 7, unit: 'days' },
        properties: [{ key: 'role', operator: 'equals', value: 'admin' }],
      },
      { type: 'segment', segmentId: 'seg_1', operator: 'notIn' },
      group([cond], 'or'),
    ]);
    expect(validateSegmentRules(rules, ctx)).toEqual({ ok: true, rules });
  });

  it('names every offending path', () => {
    const r = validateSegmentRules(
      group([
        cond,
        { type: 'attribute', attribute: 'email', operator: 'greaterThan', value: 3 },
        { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'equals', value: 3 },
        { type: 'customAttribute', source: 'sdk', key: 'nope', operator: 'equals', value: 'x' },
        { type: 'customAttribute', source: 'sdk', key: '$where', operator: 'isSet' },
        { type: 'segment', segmentId: 'other', operator: 'in' },
        { type: 'event', source: 'jimo', name: 'x', occurrence: { operator: 'atLeast' } },
        { type: 'bogus' },
        group([]),
      ]),
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual([
      'rules.conditions[1].operator',
      'rules.conditions[2].value',
      'rules.conditions[3].key',
      'rules.conditions[4].key',
      'rules.conditions[5].segmentId',
      'rules.conditions[6].occurrence.count',
      'rules.conditions[7].type',
      'rules.conditions[8].conditions',
    ]);
    expect(r.errors[2].message).toMatch(/unknown attribute/);
  });

  it.each([
    ['leading $', '$set'],
    ['segment starting with $', 'a.$b'],
    ['empty segment', 'a..b'],
    ['trailing dot', 'a.'],
    ['too long', 'k'.repeat(201)],
  ])('refuses a key with %s', (_label, key) => {
    const catalog = [{ source: 'sdk' as const, key, type: 'string' as const }];
    const r = validateSegmentRules(
      group([{ type: 'customAttribute', source: 'sdk', key, operator: 'isSet' }]),
      { catalog },
    );
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['rules.conditions[0].key']);
  });

  it('refuses condition types that name Object members (constructor, __proto__, toString)', () => {
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const result = validateSegmentRules(
        { type: 'group', operator: 'and', conditions: [{ type, attribute: 'email' }] },
        ctx,
      );
      expect(result).toEqual({
        ok: false,
        errors: [
          { path: 'rules.conditions[0].type', message: expect.stringContaining('must be one of') },
        ],
      });
    }
  });

  it('accepts a 200-char key', () => {
    const key = 'k'.repeat(200);
    const r = validateSegmentRules(
      group([{ type: 'customAttribute', source: 'sdk', key, operator: 'isSet' }]),
      {
        catalog: [{ source: 'sdk', key, type: 'string' }],
      },
    );
    expect(r.ok).toBe(true);
  });

  it('checks values per operator and type', () => {
    const bad = [
      { type: 'attribute', attribute: 'name', operator: 'in', value: [] },
      {
        type: 'attribute',
        attribute: 'name',
        operator: 'in',
        value: Array.from({ length: 1001 }, (_, i) => `${i}`),
      },
      { type: 'attribute', attribute: 'sessions', operator: 'between', value: [5, 1] },
      { type: 'attribute', attribute: 'createdAt', operator: 'before', value: 'yesterday' },
      {
        type: 'attribute',
        attribute: 'createdAt',
        operator: 'between',
        value: ['2026-02-01', '2026-01-01'],
      },
      {
        type: 'attribute',
        attribute: 'createdAt',
        operator: 'withinLast',
        value: { amount: 0, unit: 'days' },
      },
      { type: 'attribute', attribute: 'tags', operator: 'isEmpty', value: 'x' },
      { type: 'attribute', attribute: 'tags', operator: 'equals', value: 'x' },
      { type: 'customAttribute', source: 'sdk', key: 'active', operator: 'equals', value: true },
      { type: 'attribute', attribute: 'createdAt', operator: 'before', value: '2026-02-31' },
    ];
    expect(paths(group(bad))).toEqual([
      'rules.conditions[0].value',
      'rules.conditions[1].value',
      'rules.conditions[2].value',
      'rules.conditions[3].value',
      'rules.conditions[4].value',
      'rules.conditions[5].value.amount',
      'rules.conditions[6].value',
      'rules.conditions[7].operator',
      'rules.conditions[8].operator',
      'rules.conditions[9].value',
    ]);
    expect(
      paths(
        group([
          { type: 'attribute', attribute: 'name', operator: 'in', value: Array(1000).fill('x') },
        ]),
      ),
    ).toEqual([]);
  });

  it('checks event properties, periods and occurrences', () => {
    const e = (extra: object) => ({ type: 'event', source: 'jimo', name: 'x', ...extra });
    expect(
      paths(
        group([
          e({ properties: [{ key: 'a', operator: 'greaterThan', value: 'x' }] }),
          e({ properties: [{ key: 'a', operator: 'contains', value: 'x', type: 'number' }] }),
          e({ period: { type: 'between', from: '2026-02-01', to: '2026-01-01' } }),
          e({ period: { type: 'last', amount: 3, unit: 'years' } }),
          e({ occurrence: { operator: 'occurred', count: 2 } }),
          e({ source: 'hubspot' }),
          e({ properties: [{ key: '$gt', operator: 'isSet' }] }),
        ]),
      ),
    ).toEqual([
      'rules.conditions[0].properties[0].value',
      'rules.conditions[1].properties[0].operator',
      'rules.conditions[2].period',
      'rules.conditions[3].period.unit',
      'rules.conditions[4].occurrence.count',
      'rules.conditions[5].source',
      'rules.conditions[6].properties[0].key',
    ]);
  });

  it('enforces depth, group size and condition count limits', () => {
    const depth4 = group([group([group([group([cond])])])]);
    expect(paths(depth4)).toEqual([]);
    expect(paths(group([group([group([group([group([cond])])])])]))).toEqual([
      'rules.conditions[0].conditions[0].conditions[0].conditions[0]',
    ]);
    expect(paths(group([group(Array(51).fill(cond))]))).toEqual(['rules.conditions[0].conditions']);
    expect(paths(group(Array(100).fill(cond)))).toEqual([]);
    expect(paths(group(Array(101).fill(cond)))).toEqual(['rules']);
    expect(paths({ type: 'group', operator: 'xor', conditions: [], extra: 1 })).toEqual([
      'rules.extra',
      'rules.operator',
    ]);
    expect(paths(null)).toEqual(['rules']);
  });

  it('refuses unknown fields and self references', () => {
    expect(paths(group([{ ...cond, extra: true }]))).toEqual(['rules.conditions[0].extra']);
    const r = validateSegmentRules(
      group([{ type: 'segment', segmentId: 'seg_me', operator: 'in' }]),
      {
        ...ctx,
        segmentId: 'seg_me',
      },
    );
    expect(r.ok ? [] : r.errors.map((x) => x.path)).toEqual(['rules.conditions[0].segmentId']);
  });
});

describe('findSegmentCycle', () => {
  const ref = (id: string): SegmentRules => ({
    type: 'group',
    operator: 'and',
    conditions: [
      {
        type: 'group',
        operator: 'or',
        conditions: [{ type: 'segment', segmentId: id, operator: 'notIn' }],
      },
    ],
  });
  const others: Record<string, SegmentRules> = {
    seg_b: ref('seg_c'),
    seg_c: ref('seg_a'),
    seg_d: ref('seg_e'),
    seg_e: ref('seg_d'),
  };

  it('reports a cycle through other segments', () => {
    expect(findSegmentCycle('seg_a', ref('seg_b'), (id) => others[id])).toEqual([
      'seg_a',
      'seg_b',
      'seg_c',
      'seg_a',
    ]);
  });
  it('reports a self reference', () => {
    expect(findSegmentCycle('seg_a', ref('seg_a'), (id) => others[id])).toEqual(['seg_a', 'seg_a']);
  });
  it('is null without a cycle, even next to an unrelated one', () => {
    expect(findSegmentCycle('seg_x', ref('seg_d'), (id) => others[id])).toBeNull();
    expect(findSegmentCycle('seg_x', ref('seg_missing'), (id) => others[id])).toBeNull();
  });
});
