import { compileSegment } from '../compile/compile-segment';
import { SegmentReferenceError } from '../compile/errors';
import { evaluateMany } from '../evaluate/evaluate';
import type { SegmentRules } from '../rules/types';
import { CATALOG, EVENTS, NOW, PROFILES } from '../testing/fixtures.test-helper';
import { explain } from './explain';

const alice = PROFILES[0];
const input = { profile: alice, events: EVENTS.filter((e) => e.userId === alice.userId), now: NOW };

describe('explain', () => {
  it('annotates every node, with counts and windows for events', () => {
    const other: SegmentRules = {
      type: 'group',
      operator: 'and',
      conditions: [{ type: 'attribute', attribute: 'tags', operator: 'contains', value: 'vip' }],
    };
    const rules: SegmentRules = {
      type: 'group',
      operator: 'and',
      conditions: [
        { type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value: 3 },
        {
          type: 'group',
          operator: 'or',
          conditions: [
            {
              type: 'customAttribute',
              source: 'hubspot',
              key: 'lifecyclestage',
              operator: 'equals',
              value: 'lead',
            },
            {
              type: 'event',
              source: 'jimo',
              name: 'Invited teammate',
              occurrence: { operator: 'atLeast', count: 2 },
              period: { type: 'last', amount: 7, unit: 'days' },
            },
          ],
        },
        { type: 'segment', segmentId: 'seg_vip', operator: 'notIn' },
      ],
    };
    const compiled = compileSegment(rules, { catalog: CATALOG, resolveSegment: () => other });
    const tree = explain(compiled, input);
    expect(tree).toMatchObject({
      type: 'group',
      result: false,
      conditions: [
        { type: 'attribute', result: true, actual: 5 },
        {
          type: 'group',
          result: true,
          conditions: [
            { type: 'customAttribute', result: false, actual: 'customer' },
            {
              type: 'event',
              result: true,
              count: 2,
              window: {
                from: '2026-06-08T12:00:00.000Z',
                fromInclusive: true,
                to: '2026-06-15T12:00:00.000Z',
                toInclusive: true,
              },
            },
          ],
        },
        {
          type: 'segment',
          result: false,
          rules: {
            type: 'group',
            result: true,
            conditions: [{ result: true, actual: ['VIP', 'beta'] }],
          },
        },
      ],
    });
  });

  it('says when each time-relative condition changes by time alone, and only those', () => {
    const lastActivityAt = new Date(NOW.getTime() - 3 * 86_400_000);
    const compiled = compileSegment({
      type: 'group',
      operator: 'or',
      conditions: [
        {
          type: 'attribute',
          attribute: 'lastActivityAt',
          operator: 'withinLast',
          value: { amount: 7, unit: 'days' },
        },
        { type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value: 3 },
        {
          type: 'event',
          source: 'jimo',
          name: 'Invited teammate',
          period: { type: 'last', amount: 30, unit: 'days' },
        },
      ],
    });
    const tree = explain(compiled, { profile: { ...alice, lastActivityAt }, now: NOW });
    if (tree.type !== 'group') throw new Error('a group');
    const [recent, sessions, invited] = tree.conditions;
    // Active 3 days ago: in "within 7 days" until 7 days after that, then out.
    expect(recent).toMatchObject({
      result: true,
      changesAt: new Date(lastActivityAt.getTime() + 7 * 86_400_000 + 1).toISOString(),
    });
    expect(sessions).not.toHaveProperty('changesAt');
    // No such event: time alone never makes it occur.
    expect(invited).toMatchObject({ result: false, changesAt: null });
  });

  it('reports zero events for a user with none', () => {
    const compiled = compileSegment({
      type: 'group',
      operator: 'and',
      conditions: [
        { type: 'event', source: 'jimo', name: 'Never', occurrence: { operator: 'notOccurred' } },
      ],
    });
    expect(explain(compiled, { profile: alice, now: NOW })).toMatchObject({
      result: true,
      conditions: [{ type: 'event', result: true, count: 0, window: {} }],
    });
  });
});

describe('compileSegment references', () => {
  const ref = (id: string): SegmentRules => ({
    type: 'group',
    operator: 'and',
    conditions: [{ type: 'segment', segmentId: id, operator: 'in' }],
  });
  it('detects a cycle while expanding', () => {
    const all: Record<string, SegmentRules> = { seg_a: ref('seg_b'), seg_b: ref('seg_a') };
    expect(() =>
      compileSegment(all.seg_a, { segmentId: 'seg_a', resolveSegment: (id) => all[id] }),
    ).toThrow(SegmentReferenceError);
    expect(() => compileSegment(ref('seg_b'), { resolveSegment: (id) => all[id] })).toThrow(
      /cycle: seg_b → seg_a → seg_b/,
    );
  });
  it('refuses an unknown segment', () => {
    expect(() => compileSegment(ref('seg_x'), { resolveSegment: () => undefined })).toThrow(
      /unknown segment/,
    );
  });
  it('evaluates many segments for one user', () => {
    const compiled = [
      compileSegment({ type: 'group', operator: 'and', conditions: [] }),
      compileSegment({
        type: 'group',
        operator: 'and',
        conditions: [{ type: 'attribute', attribute: 'sessions', operator: 'equals', value: 4 }],
      }),
      compileSegment({
        type: 'group',
        operator: 'and',
        conditions: [
          {
            type: 'event',
            source: 'jimo',
            name: 'Invited teammate',
            occurrence: { operator: 'exactly', count: 3 },
          },
        ],
      }),
    ];
    expect(evaluateMany(compiled, input)).toEqual([true, false, true]);
  });
});
