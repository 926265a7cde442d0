import type { Condition, SegmentRules } from '../rules/types';
import { compileSegment } from './compile-segment';

const rules = (...conditions: Condition[]): SegmentRules => ({
  type: 'group',
  operator: 'and',
  conditions,
});

const timeDependent = (...conditions: Condition[]) =>
  compileSegment(rules(...conditions), {
    resolveSegment: (id) =>
      id === 'seg_recent'
        ? rules({
            type: 'attribute',
            attribute: 'lastActivityAt',
            operator: 'withinLast',
            value: { amount: 7, unit: 'days' },
          })
        : rules({ type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value: 1 }),
  }).timeDependent;

// Targeting may reuse a membership result only while time alone cannot change it.
describe('compiled segment time dependence', () => {
  it('is false for absolute conditions', () => {
    expect(
      timeDependent(
        { type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value: 3 },
        { type: 'attribute', attribute: 'createdAt', operator: 'before', value: '2026-01-01' },
        {
          type: 'event',
          source: 'jimo',
          name: 'Paid',
          period: { type: 'after', date: '2026-01-01' },
        },
        { type: 'segment', segmentId: 'seg_plain', operator: 'in' },
        {
          type: 'event',
          source: 'jimo',
          name: 'Any',
          occurrence: { operator: 'atLeast', count: 0 },
          period: { type: 'last', amount: 1, unit: 'days' },
        },
      ),
    ).toBe(false);
  });

  it.each<[string, Condition]>([
    [
      'a relative date attribute',
      {
        type: 'attribute',
        attribute: 'lastActivityAt',
        operator: 'notWithinLast',
        value: { amount: 2, unit: 'hours' },
      },
    ],
    [
      'an event period `last`',
      {
        type: 'event',
        source: 'jimo',
        name: 'Paid',
        period: { type: 'last', amount: 30, unit: 'days' },
      },
    ],
    [
      'a relative event property',
      {
        type: 'event',
        source: 'jimo',
        name: 'Paid',
        properties: [
          {
            key: 'renewsAt',
            operator: 'withinLast',
            value: { amount: 1, unit: 'weeks' },
            type: 'date',
          },
        ],
      },
    ],
    [
      'a referenced segment that is',
      { type: 'segment', segmentId: 'seg_recent', operator: 'notIn' },
    ],
  ])('is true with %s', (_, condition) => {
    expect(timeDependent(condition)).toBe(true);
  });
});
