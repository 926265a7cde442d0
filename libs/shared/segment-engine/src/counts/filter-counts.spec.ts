import fc from 'fast-check';
import { compileSegment } from '../compile/compile-segment';
import { UserContext } from '../evaluate/user-context';
import type { Condition, RuleGroup, SegmentRules } from '../rules/types';
import {
  differentialCaseArb,
  P_CATALOG,
  P_WS,
  REFERENCE_IDS,
} from '../testing/arbitraries.test-helper';
import { CATALOG, EVENTS, NOW, PROFILES } from '../testing/fixtures.test-helper';
import { referenceMembers } from '../testing/reference/reference-evaluator.test-helper';
import { FilterCounter, positiveFromHits } from './filter-counts';

const RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 60);
const SEED = process.env.ENGINE_PROPERTY_SEED
  ? Number(process.env.ENGINE_PROPERTY_SEED)
  : Math.floor(Math.random() * 2 ** 31);

type Node = Condition | RuleGroup;
const and = (...conditions: Node[]): RuleGroup => ({ type: 'group', operator: 'and', conditions });
const or = (...conditions: Node[]): RuleGroup => ({ type: 'group', operator: 'or', conditions });
const sessionsAbove = (value: number): Condition => ({
  type: 'attribute',
  attribute: 'sessions',
  operator: 'greaterThan',
  value,
});

/**
 * The brute-force answer for every node of `rules`: each node's rules alone, and for each item
 * of a group its group's operator over items 1..k, counted by the reference evaluator (written
 * from the spec alone), one full pass per node.
 */
function bruteForce(
  rules: SegmentRules,
  members: (rules: SegmentRules) => number,
): Array<{ path: string; count: number; runningTotal: number }> {
  const out: Array<{ path: string; count: number; runningTotal: number }> = [];
  const walk = (node: Node, path: string, parent: RuleGroup | null, index: number) => {
    const alone: SegmentRules = node.type === 'group' ? node : and(node);
    const count = members(alone);
    const runningTotal = parent
      ? members({ ...parent, conditions: parent.conditions.slice(0, index + 1) })
      : count;
    out.push({ path, count, runningTotal });
    if (node.type === 'group') {
      node.conditions.forEach((child, i) => walk(child, `${path}.conditions[${i}]`, node, i));
    }
  };
  walk(rules, 'rules', null, 0);
  return out;
}

function countsOver(rules: SegmentRules, resolve?: (id: string) => SegmentRules | undefined) {
  const compiled = compileSegment(rules, { catalog: CATALOG, resolveSegment: resolve });
  const counter = new FilterCounter(compiled);
  for (const profile of PROFILES) {
    const events = EVENTS.filter((e) => e.userId === profile.userId);
    counter.addContext(new UserContext({ profile, events, now: NOW }));
  }
  return counter.tallies();
}

describe('FilterCounter', () => {
  it('counts every node on its own and the running totals of each group', () => {
    // Fixture users' sessions: 5, 0, 1, 10.
    const rules = and(sessionsAbove(0), or(sessionsAbove(3), sessionsAbove(100)), sessionsAbove(4));
    const tallies = countsOver(rules);
    const byPath = Object.fromEntries(tallies.nodes.map((n) => [n.path, n]));
    expect(tallies.users).toBe(PROFILES.length);
    expect(tallies.nodes.map((n) => n.path)).toEqual([
      'rules',
      'rules.conditions[0]',
      'rules.conditions[1]',
      'rules.conditions[1].conditions[0]',
      'rules.conditions[1].conditions[1]',
      'rules.conditions[2]',
    ]);
    const above0 = PROFILES.filter((p) => p.sessions > 0).length;
    expect(byPath['rules.conditions[0]']).toMatchObject({
      kind: 'condition',
      count: above0,
      runningTotal: above0,
    });
    expect(byPath['rules.conditions[1]']).toMatchObject({
      kind: 'group',
      count: 2,
      runningTotal: 2,
    });
    expect(byPath['rules.conditions[1].conditions[1]']).toMatchObject({
      count: 0,
      runningTotal: 2,
    });
    expect(byPath['rules']).toMatchObject({ count: 2, runningTotal: 2 });
    expect(tallies.emptiedBy).toBeNull();
  });

  it('agrees with a full pass per node of the reference evaluator, segment references included', () => {
    const vip: SegmentRules = and({
      type: 'attribute',
      attribute: 'tags',
      operator: 'contains',
      value: 'vip',
    });
    const rules = and(
      {
        type: 'customAttribute',
        source: 'sdk',
        key: 'plan',
        operator: 'notEquals',
        value: 'free',
      },
      or(
        {
          type: 'event',
          source: 'jimo',
          name: 'Invited teammate',
          occurrence: { operator: 'notOccurred' },
          period: { type: 'last', amount: 7, unit: 'days' },
        },
        { type: 'segment', segmentId: 'seg_vip', operator: 'notIn' },
      ),
      {
        type: 'attribute',
        attribute: 'lastActivityAt',
        operator: 'withinLast',
        value: { amount: 3, unit: 'days' },
      },
    );
    const world = {
      workspaceId: 'ws_1',
      now: NOW,
      catalog: CATALOG,
      segments: { seg_vip: vip },
      events: EVENTS,
    };
    const expected = bruteForce(rules, (r) => referenceMembers(r, PROFILES, world).length);
    const tallies = countsOver(rules, (id) => (id === 'seg_vip' ? vip : undefined));
    expect(
      tallies.nodes.map(({ path, count, runningTotal }) => ({ path, count, runningTotal })),
    ).toEqual(expected);
    // The referenced segment's own filter is not a node of these rules.
    expect(tallies.nodes).toHaveLength(6);
  });

  describe('emptiedBy', () => {
    it('is the filter at which an and drops to 0 after being above 0', () => {
      const tallies = countsOver(and(sessionsAbove(0), sessionsAbove(3), sessionsAbove(10)));
      expect(tallies.nodes[0].count).toBe(0);
      expect(tallies.emptiedBy).toBe('rules.conditions[2]');
    });

    it('is a first filter that matches nobody on its own', () => {
      expect(countsOver(and(sessionsAbove(100), sessionsAbove(0))).emptiedBy).toBe(
        'rules.conditions[0]',
      );
    });

    it('goes inside a nested group that matches nobody on its own', () => {
      const tallies = countsOver(
        and(sessionsAbove(0), and(sessionsAbove(2), sessionsAbove(50)), sessionsAbove(0)),
      );
      expect(tallies.emptiedBy).toBe('rules.conditions[1].conditions[1]');
    });

    it('is a group whose users the filters before it exclude', () => {
      // Group 2 matches u_full alone (sessions 5); filter 1 (sessions < 2) excludes u_full.
      const tallies = countsOver(
        and(
          { type: 'attribute', attribute: 'sessions', operator: 'lessThan', value: 2 },
          or(sessionsAbove(4), sessionsAbove(100)),
        ),
      );
      expect(tallies.emptiedBy).toBe('rules.conditions[1]');
    });

    it('is an or group of several empty filters itself, and null when the segment has members', () => {
      expect(countsOver(or(sessionsAbove(100), sessionsAbove(200))).emptiedBy).toBe('rules');
      expect(countsOver(or(sessionsAbove(100), sessionsAbove(0))).emptiedBy).toBeNull();
      expect(countsOver(and()).emptiedBy).toBeNull();
    });

    it('is null when no user was counted', () => {
      const counter = new FilterCounter(compileSegment(and(sessionsAbove(100))));
      expect(counter.tallies()).toEqual({
        users: 0,
        nodes: [
          { path: 'rules', kind: 'group', count: 0, runningTotal: 0 },
          { path: 'rules.conditions[0]', kind: 'condition', count: 0, runningTotal: 0 },
        ],
        emptiedBy: null,
      });
    });
  });

  it('reads event conditions from the batch way’s event hits (indexes of compiled.events)', () => {
    const rules = and(
      { type: 'event', source: 'jimo', name: 'A', occurrence: { operator: 'occurred' } },
      { type: 'event', source: 'jimo', name: 'B', occurrence: { operator: 'notOccurred' } },
    );
    const compiled = compileSegment(rules);
    const counter = new FilterCounter(compiled);
    const profile = PROFILES[0];
    counter.add(profile, NOW.getTime(), positiveFromHits(compiled, [0])); // A, not B: member
    counter.add(profile, NOW.getTime(), positiveFromHits(compiled, [0, 1])); // A and B
    counter.add(profile, NOW.getTime(), positiveFromHits(compiled, undefined)); // neither
    expect(counter.tallies().nodes.map((n) => [n.count, n.runningTotal])).toEqual([
      [1, 1],
      [2, 2],
      [2, 1],
    ]);
  });

  it(`agrees with the reference evaluator on random rules and datasets (${RUNS} runs, seed ${SEED})`, () => {
    fc.assert(
      fc.property(differentialCaseArb(3), ({ now, data, references, rules }) => {
        const profiles = data.profiles.map((p) => p.document);
        const events = data.events.map((e) => e.document);
        const segments: Record<string, SegmentRules> = {};
        REFERENCE_IDS.forEach((id, i) => (segments[id] = references[i]));
        const world = { workspaceId: P_WS, now, catalog: P_CATALOG, segments, events };
        for (const r of rules) {
          const compiled = compileSegment(r, {
            catalog: P_CATALOG,
            resolveSegment: (id) => segments[id],
          });
          const counter = new FilterCounter(compiled);
          for (const profile of profiles) {
            const own = events.filter((e) => e.workspaceId === P_WS && e.userId === profile.userId);
            counter.addContext(new UserContext({ profile, events: own, now }));
          }
          const expected = bruteForce(r, (sub) => referenceMembers(sub, profiles, world).length);
          const got = counter.tallies().nodes.map(({ path, count, runningTotal }) => ({
            path,
            count,
            runningTotal,
          }));
          expect(got).toEqual(expected);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
