import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import {
  AttributeCatalogRepository,
  EventRepository,
  ProfileRepository,
  SAMPLE_BUCKETS,
  SampleBucketBackfill,
  sampleBucket,
  type StoredEvent,
} from '@seg/profile-store';
import type { Condition, ProfileDocument, RuleGroup, SegmentRules } from '@seg/segment-engine';
import { deleteBusTopology, dropDatabase, startTestApp, testConfig } from '@seg/testing';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppModule } from '../../../app.module';
import { type SegmentsConfig, segmentsEnvSchema } from '../../../config';
import { CreateSegmentUseCase } from '../../../segments/usecases/create-segment/create-segment.usecase';
import { CompiledSegments } from '../../compiled-segments';
import { MemberPager } from '../../member-pager';
import { FilterCountsUseCase } from './filter-counts.usecase';

// Per-filter counts against the real FerretDB, each figure compared with a brute-force
// computation: for every node, its rules alone, and for every item of a group its group's
// operator over items 1..k, each counted by a full pass of the batch way (`MemberPager.count`,
// the segment's aggregation pipelines over the whole workspace), one per figure. The dataset
// has the same 8 kinds of user in every sample bucket, so an estimate from any set of buckets
// is the truth: the 1 ms budget (one bucket) must give the same numbers, marked as estimates.
// Edge cases: relative windows (last activity within 7 days, events in the last 7 / 30
// days), missing attributes (a negation over users without `plan`), nested groups,
// negations (notOccurred, notContains, notIn a segment).
jest.setTimeout(180_000);

const WS = 'ws_filtercounts001';
const KINDS = 8;
const DAY = 24 * 60 * 60 * 1000;

type Node = Condition | RuleGroup;
const and = (...conditions: Node[]): RuleGroup => ({ type: 'group', operator: 'and', conditions });
const or = (...conditions: Node[]): RuleGroup => ({ type: 'group', operator: 'or', conditions });
const invited = (
  occurrence: Extract<Condition, { type: 'event' }>['occurrence'],
  days: number,
): Condition => ({
  type: 'event',
  source: 'jimo',
  name: 'Invited teammate',
  occurrence,
  period: { type: 'last', amount: days, unit: 'days' },
});

/** userIds chosen so that each bucket gets exactly one user of each kind. */
function usersByBucket(): string[][] {
  const buckets: string[][] = Array.from({ length: SAMPLE_BUCKETS }, () => []);
  for (let i = 0, filled = 0; filled < SAMPLE_BUCKETS; i++) {
    const userId = `fc-${String(i).padStart(5, '0')}`;
    const bucket = buckets[sampleBucket(WS, userId)] as string[];
    if (bucket.length === KINDS) continue;
    bucket.push(userId);
    if (bucket.length === KINDS) filled += 1;
  }
  return buckets;
}

/** Kind k's profile: plan free/free/pro/pro/missing/missing/Pro/no custom attributes at all. */
function profileOf(userId: string, kind: number, now: number): ProfileDocument {
  const plans = ['free', 'free', 'pro', 'pro', undefined, undefined, 'Pro', undefined];
  const plan = plans[kind];
  return {
    workspaceId: WS,
    userId,
    name: `Name ${userId}`,
    createdAt: new Date(now - 100 * DAY),
    lastActivityAt: new Date(now - (kind % 2 === 0 ? 1 : 10) * DAY),
    sessions: kind * 2,
    tags: kind === 7 ? [] : kind % 3 === 0 ? ['churned'] : ['beta'],
    custom: kind === 7 ? {} : { sdk: plan === undefined ? { score: kind } : { plan } },
    experiences: { seen: [], completed: [], answers: [] },
  };
}

/** Kind k's "Invited teammate" events, as days ago. */
const INVITES: number[][] = [
  [2, 2, 2],
  [10, 10],
  [1],
  [20, 20, 40],
  [],
  [3, 3, 3, 3, 3],
  [5, 8],
  [],
];

interface Booted {
  app: INestApplication;
  config: SegmentsConfig;
}

async function boot(overrides: Record<string, string>, database?: string): Promise<Booted> {
  const base = testConfig(database ? { MONGODB_DB: database } : {});
  const config = segmentsEnvSchema.parse({ ...base, ...overrides });
  const { app } = await startTestApp({
    service: 'segments',
    config,
    module: AppModule.register(config),
    consumeBus: false,
  });
  return { app, config };
}

/** The brute force: every figure by its own full pass of the batch way. */
async function bruteForce(booted: Booted, rules: SegmentRules) {
  const compiled = booted.app.get(CompiledSegments);
  const pager = booted.app.get(MemberPager);
  const members = async (sub: SegmentRules) =>
    pager.count(WS, await compiled.compileRules(WS, sub, []));
  const out: Array<{ path: string; count: number; runningTotal: number }> = [];
  const walk = async (node: Node, path: string, parent: RuleGroup | null, index: number) => {
    const count = await members(node.type === 'group' ? node : and(node));
    const runningTotal = parent
      ? await members({ ...parent, conditions: parent.conditions.slice(0, index + 1) })
      : count;
    out.push({ path, count, runningTotal });
    if (node.type === 'group') {
      for (const [i, child] of node.conditions.entries()) {
        await walk(child, `${path}.conditions[${i}]`, node, i);
      }
    }
  };
  await walk(rules, 'rules', null, 0);
  return out;
}

const figures = (answer: {
  filters: Array<{ path: string; count: number; runningTotal: number }>;
}) => answer.filters.map(({ path, count, runningTotal }) => ({ path, count, runningTotal }));

describe('per-filter counts on FerretDB', () => {
  let exactApp: Booted; // small workspace way: one pass over the workspace
  let fullApp: Booted; // sliced way, a budget no scan reaches: all 100 buckets
  let tinyApp: Booted; // sliced way, 1 ms: one bucket, estimates
  let rules: SegmentRules;
  // sessions ≥ 4: kinds 2–7; plan = pro (case ignored): kinds 2, 3, 6; the group alone: kinds
  // 0 and 5 (3 invitations in 7 days) — none of 2, 3, 6: the group empties the segment.
  const emptying = and(
    { type: 'attribute', attribute: 'sessions', operator: 'greaterThanOrEqual', value: 4 },
    { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'equals', value: 'pro' },
    or(invited({ operator: 'atLeast', count: 3 }, 7), {
      type: 'attribute',
      attribute: 'tags',
      operator: 'contains',
      value: 'nobody',
    }),
  );

  beforeAll(async () => {
    exactApp = await boot({ PREVIEW_BUDGET_MS: '60000' });
    const db = exactApp.config.MONGODB_DB;
    fullApp = await boot({ PREVIEW_BUDGET_MS: '60000', PREVIEW_EXACT_MAX_USERS: '100' }, db);
    tinyApp = await boot({ PREVIEW_BUDGET_MS: '1', PREVIEW_EXACT_MAX_USERS: '100' }, db);
    const connection = exactApp.app.get<Connection>(getConnectionToken());
    const profiles = new ProfileRepository(connection.model('Profile') as never);
    const events = new EventRepository(connection.model('Event') as never);
    const now = Date.now();
    const seeded: ProfileDocument[] = [];
    const invitations: StoredEvent[] = [];
    for (const ids of usersByBucket()) {
      ids.forEach((userId, kind) => {
        seeded.push(profileOf(userId, kind, now));
        for (const daysAgo of INVITES[kind] ?? []) {
          invitations.push({
            _id: new Types.ObjectId(),
            workspaceId: WS,
            userId,
            source: 'jimo',
            name: 'Invited teammate',
            timestamp: new Date(now - daysAgo * DAY),
            properties: {},
          });
        }
      });
    }
    await profiles.insertNew(WS, seeded);
    await events.insertIdempotent(WS, invitations);
    await new SampleBucketBackfill(connection).run();
    await exactApp.app.get(AttributeCatalogRepository, { strict: false }).declare(WS, [
      { source: 'sdk', key: 'plan', type: 'string' },
      { source: 'sdk', key: 'score', type: 'number' },
    ]);
    const power = await exactApp.app.get(CreateSegmentUseCase).execute({
      workspaceId: WS,
      body: {
        name: 'Power users',
        rules: and({
          type: 'attribute',
          attribute: 'sessions',
          operator: 'greaterThanOrEqual',
          value: 10,
        }),
      },
    });
    rules = and(
      {
        type: 'attribute',
        attribute: 'lastActivityAt',
        operator: 'withinLast',
        value: { amount: 7, unit: 'days' },
      },
      or(
        {
          type: 'customAttribute',
          source: 'sdk',
          key: 'plan',
          operator: 'notEquals',
          value: 'free',
        },
        invited({ operator: 'atLeast', count: 2 }, 30),
      ),
      and(invited({ operator: 'notOccurred' }, 7), {
        type: 'attribute',
        attribute: 'tags',
        operator: 'notContains',
        value: 'churned',
      }),
      { type: 'segment', segmentId: power.id, operator: 'notIn' },
    );
  });

  afterAll(async () => {
    for (const booted of [exactApp, fullApp, tinyApp]) await booted?.app.close();
    if (exactApp) {
      await deleteBusTopology(exactApp.config, ['segments']);
      await dropDatabase(exactApp.config);
    }
  });

  const counts = (booted: Booted, body: Record<string, unknown>) =>
    booted.app.get(FilterCountsUseCase).execute({ workspaceId: WS, body });

  it('every count and running total equals its brute-force pass (small workspace way)', async () => {
    const expected = await bruteForce(exactApp, rules);
    // The dataset is built so that each filter keeps some users and the segment has members.
    expect(expected.find((n) => n.path === 'rules')?.count).toBeGreaterThan(0);
    expect(new Set(expected.map((n) => n.count)).size).toBeGreaterThan(3);
    const answer = await counts(exactApp, { rules });
    // Worked out by hand from the kinds (each ×100 users).
    expect(figures(answer).map((n) => n.count)).toEqual([
      100, 400, 800, 600, 500, 300, 400, 500, 500,
    ]);
    expect(answer).toMatchObject({ users: 800, exact: true, scanned: 1, emptiedBy: null });
    expect(figures(answer)).toEqual(expected);
    expect(answer.filters.map((n) => n.kind)).toEqual([
      'group',
      'condition',
      'group',
      'condition',
      'condition',
      'group',
      'condition',
      'condition',
      'condition',
    ]);
    expect(Date.parse(answer.asOf)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('the sliced way over every bucket gives the same exact figures', async () => {
    const answer = await counts(fullApp, { rules });
    expect(answer).toMatchObject({ users: 800, exact: true, scanned: 1 });
    expect(figures(answer)).toEqual(await bruteForce(fullApp, rules));
  });

  it('with a 1 ms budget answers estimates from the buckets scanned, marked as such', async () => {
    const answer = await counts(tinyApp, { rules });
    expect(answer.exact).toBe(false);
    expect(answer.scanned).toBeGreaterThan(0);
    expect(answer.scanned).toBeLessThan(1);
    // Every bucket holds one user of each kind: any share estimates the truth exactly.
    expect(answer.users).toBe(800);
    expect(figures(answer)).toEqual(await bruteForce(tinyApp, rules));
    for (const node of answer.filters) {
      const [low, high] = node.interval ?? [NaN, NaN];
      expect(low).toBeLessThanOrEqual(node.count);
      expect(high).toBeGreaterThanOrEqual(node.count);
    }
  });

  it('points at the filter that empties the segment', async () => {
    const expected = await bruteForce(exactApp, emptying);
    const answer = await counts(exactApp, { rules: emptying });
    expect(figures(answer)).toEqual(expected);
    expect(figures(answer).slice(0, 4)).toEqual([
      { path: 'rules', count: 0, runningTotal: 0 },
      { path: 'rules.conditions[0]', count: 600, runningTotal: 600 },
      { path: 'rules.conditions[1]', count: 300, runningTotal: 300 },
      { path: 'rules.conditions[2]', count: 200, runningTotal: 0 },
    ]);
    expect(answer.emptiedBy).toBe('rules.conditions[2]');
    // Estimated from one bucket, the pointer is the same.
    expect((await counts(tinyApp, { rules: emptying })).emptiedBy).toBe('rules.conditions[2]');
  });

  it('answers 400 naming every offending path, as the preview', async () => {
    await expect(counts(exactApp, {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'rules', message: 'is required' }],
    });
    await expect(
      counts(exactApp, {
        rules: and({ type: 'attribute', attribute: 'sessions', operator: 'contains', value: 1 }),
        limit: 3,
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: expect.arrayContaining([
        expect.objectContaining({ path: 'limit' }),
        expect.objectContaining({ path: 'rules.conditions[0].operator' }),
      ]),
    });
  });
});
