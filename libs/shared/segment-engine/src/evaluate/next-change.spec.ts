// nextChangeAt against the reference evaluator (written from the spec alone): for random
// users, events and rules, membership is the same at every instant before the answer, and
// different at the answer; a null answer means nothing changes however far time goes.
import fc from 'fast-check';
import { compileSegment } from '../compile/compile-segment';
import type { Condition, SegmentRules } from '../rules/types';
import {
  differentialCaseArb,
  P_CATALOG,
  P_WS,
  REFERENCE_IDS,
} from '../testing/arbitraries.test-helper';
import { referenceIsMember } from '../testing/reference/reference-evaluator.test-helper';
import { NOW, DAY } from '../testing/fixtures.test-helper';
import { nextChangeAt } from './next-change';

const RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 150);
const SEED = process.env.ENGINE_PROPERTY_SEED
  ? Number(process.env.ENGINE_PROPERTY_SEED)
  : Math.floor(Math.random() * 2 ** 31);

const rules = (...conditions: Condition[]): SegmentRules => ({
  type: 'group',
  operator: 'and',
  conditions,
});
const profile = (fields: Record<string, unknown>) => ({
  workspaceId: 'ws_1',
  userId: 'u1',
  name: null,
  email: null,
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
  lastActivityAt: NOW,
  sessions: 1,
  tags: [],
  custom: {},
  interactions: [],
  experiences: { seen: [], completed: [], answers: [] },
  ...fields,
});

describe('nextChangeAt', () => {
  it('is the instant "last activity within 7 days" expires', () => {
    const compiled = compileSegment(
      rules({
        type: 'attribute',
        attribute: 'lastActivityAt',
        operator: 'withinLast',
        value: { amount: 7, unit: 'days' },
      }),
    );
    const lastActivityAt = new Date(NOW.getTime() - 2 * DAY);
    const next = nextChangeAt(compiled, { profile: profile({ lastActivityAt }), now: NOW });
    // In while lastActivityAt ≥ now − 7 days: out from the next millisecond after that.
    expect(next).toEqual(new Date(lastActivityAt.getTime() + 7 * DAY + 1));
  });

  it('is when the last of the counted events leaves the window, for "at least 2 in 30 minutes"', () => {
    const compiled = compileSegment(
      rules({
        type: 'event',
        source: 'jimo',
        name: 'Clicked',
        occurrence: { operator: 'atLeast', count: 2 },
        period: { type: 'last', amount: 30, unit: 'minutes' },
      }),
    );
    const at = (minutesAgo: number) => ({
      source: 'jimo',
      name: 'Clicked',
      timestamp: new Date(NOW.getTime() - minutesAgo * 60_000),
    });
    const next = nextChangeAt(compiled, {
      profile: profile({}),
      events: [at(25), at(10), at(5), { ...at(1), name: 'Other' }],
      now: NOW,
    });
    // Three counted now; the one of 25 min ago leaves first (2 left), then the one of 10.
    expect(next).toEqual(new Date(NOW.getTime() + 20 * 60_000 + 1));
  });

  it('is null when nothing is time-relative, or when time alone cannot change the answer', () => {
    const absolute = compileSegment(
      rules({ type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value: 0 }),
    );
    expect(nextChangeAt(absolute, { profile: profile({}), now: NOW })).toBeNull();
    // notWithinLast on a date already older than the window: true for ever.
    const old = compileSegment(
      rules({
        type: 'attribute',
        attribute: 'createdAt',
        operator: 'notWithinLast',
        value: { amount: 1, unit: 'days' },
      }),
    );
    expect(nextChangeAt(old, { profile: profile({}), now: NOW })).toBeNull();
  });

  it('answers a safe instant when the search is capped', () => {
    const compiled = compileSegment(
      rules({
        type: 'event',
        source: 'jimo',
        name: 'Clicked',
        occurrence: { operator: 'atLeast', count: 1 },
        period: { type: 'last', amount: 1, unit: 'hours' },
      }),
    );
    const events = Array.from({ length: 50 }, (_, i) => ({
      source: 'jimo',
      name: 'Clicked',
      timestamp: new Date(NOW.getTime() - i * 60_000),
    }));
    const input = { profile: profile({}), events, now: NOW };
    const exact = nextChangeAt(compiled, input);
    expect(exact).toEqual(new Date(NOW.getTime() + 3_600_000 + 1));
    const capped = nextChangeAt(compiled, input, 3);
    expect(capped!.getTime()).toBeLessThanOrEqual(exact!.getTime());
    expect(capped!.getTime()).toBeGreaterThan(NOW.getTime());
  });

  it(`agrees with the reference evaluator at and before the instant it answers (seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        differentialCaseArb(2),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (testCase, fractions) => {
          const { now, data, references, rules: cases } = testCase;
          const segments: Record<string, SegmentRules> = {};
          REFERENCE_IDS.forEach((id, i) => (segments[id] = references[i]));
          const events = data.events.map((e) => e.document);
          const world = (at: Date) => ({
            workspaceId: P_WS,
            now: at,
            catalog: P_CATALOG,
            segments,
            events,
          });
          for (const r of cases) {
            const compiled = compileSegment(r, {
              catalog: P_CATALOG,
              resolveSegment: (id) => segments[id],
            });
            for (const { document: user } of data.profiles) {
              const input = {
                profile: user,
                events: events.filter((e) => e.workspaceId === P_WS && e.userId === user.userId),
                now,
              };
              const member = (at: Date) => referenceIsMember(r, user, world(at));
              const before = member(now);
              const next = nextChangeAt(compiled, input);
              const context = () =>
                `now=${now.toISOString()} next=${next?.toISOString()} user=${JSON.stringify(user)} rules=${JSON.stringify(r)}`;
              if (next === null) {
                // Nothing changes with time alone: checked out to 20 years.
                for (const ms of [1, 60_000, 3_600_000, DAY, 31 * DAY, 400 * DAY, 7300 * DAY]) {
                  if (member(new Date(now.getTime() + ms)) !== before)
                    throw new Error(`changes at +${ms} ms though null: ${context()}`);
                }
                continue;
              }
              if (next.getTime() <= now.getTime()) throw new Error(`not after now: ${context()}`);
              if (member(next) === before) throw new Error(`no change at the answer: ${context()}`);
              const span = next.getTime() - now.getTime();
              for (const f of [...fractions, 1 - 1 / span]) {
                const at = new Date(now.getTime() + Math.floor(f * (span - 1)));
                if (member(at) !== before)
                  throw new Error(
                    `changes before the answer, at ${at.toISOString()}: ${context()}`,
                  );
              }
            }
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
