// Two event conditions that count the same events (same source, name, period, properties and
// positive form) share one count, but each keeps its own negation: "occurred" and "did not
// occur" of one event are opposites, never the same condition twice. (Found by the
// nextChangeAt property test: the second condition took the first one's negation, in the
// one-user evaluator and in the batch filter alike.)
import { evaluate } from '../evaluate/evaluate';
import { treeToFilter } from '../plan/to-filter';
import type { Condition, SegmentRules } from '../rules/types';
import { compileSegment } from './compile-segment';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const occurred: Condition = { type: 'event', source: 'jimo', name: 'A' };
const notOccurred: Condition = { ...occurred, occurrence: { operator: 'notOccurred' } };
const rules = (operator: 'and' | 'or', ...conditions: Condition[]): SegmentRules => ({
  type: 'group',
  operator,
  conditions,
});
const profile = { userId: 'u1', custom: {}, interactions: [] };
const withA = [{ source: 'jimo', name: 'A', timestamp: new Date('2026-06-01T00:00:00.000Z') }];

describe('event conditions sharing one count', () => {
  it.each([
    ['did not occur, then occurred', [notOccurred, occurred]],
    ['occurred, then did not occur', [occurred, notOccurred]],
  ] as const)('%s: OR is everyone, AND is nobody (one user)', (_name, conditions) => {
    const or = compileSegment(rules('or', ...conditions));
    const and = compileSegment(rules('and', ...conditions));
    for (const events of [[], withA]) {
      expect(evaluate(or, { profile, events, now: NOW })).toBe(true);
      expect(evaluate(and, { profile, events, now: NOW })).toBe(false);
    }
    // One count for both.
    expect(or.events).toHaveLength(1);
  });

  it('the batch filter too: OR of the two holds whatever the count is', () => {
    const or = compileSegment(rules('or', notOccurred, occurred));
    for (const found of [true, false]) {
      expect(treeToFilter(or.root, NOW.getTime(), () => found)).toBe(true);
    }
  });
});
