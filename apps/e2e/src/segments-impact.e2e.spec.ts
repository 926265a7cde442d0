// Edit impact before saving (#18 item 1), through the running system: a seeded dataset is
// ingested over HTTP, and the impact of draft rules on a saved segment (who joins, who leaves,
// each experience's reach before → after) must equal a brute-force computation over the same
// data — written here in plain code, not with the engine. Edge cases: rolling windows (events
// in the last 7 / 3 days, last activity within 10 days; every instant half a day from an
// edge), missing attributes (`notEquals` and `isNotSet` match users without `score`), values
// in another case ("Pro" equals "pro"), users with no event at all (`notOccurred`).
import { waitFor } from '@seg/testing';
import { api, createWorkspace, type TestWorkspace } from './support/api';

interface Impact {
  join: { count: number; sample: string[] };
  leave: { count: number; sample: string[] };
  experiences: Array<{ id: string; name: string; status: string; before: number; after: number }>;
  exact: boolean;
  scanned: number;
  asOf: string;
}

interface SeedUser {
  userId: string;
  plan?: string;
  score?: number;
  /** Days ago of the identify, and of each "Invited teammate". */
  seenDaysAgo: number;
  invitedDaysAgo: number[];
}

const DAY = 86_400_000;
const USERS = 80;

/** Deterministic draws (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function seedUsers(seed: number): SeedUser[] {
  const draw = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(draw() * values.length)]!;
  return Array.from({ length: USERS }, (_, i) => {
    const plan = pick(['pro', 'Pro', 'team', 'free', undefined] as const);
    const score = pick(['missing', 'five', 'any', 'any'] as const);
    return {
      userId: `user-${String(i).padStart(3, '0')}`,
      ...(plan !== undefined && { plan }),
      ...(score === 'five' && { score: 5 }),
      ...(score === 'any' && { score: Math.floor(draw() * 101) }),
      // Half a day off every whole day: never within 12 hours of a window's edge.
      seenDaysAgo: Math.floor(draw() * 20) + 0.5,
      invitedDaysAgo: Array.from(
        { length: Math.floor(draw() * 5) },
        () => Math.floor(draw() * 15) + 0.5,
      ),
    };
  });
}

// ---- the rules, and the same rules in plain code ----

const plan = (operator: string, value: unknown) => ({
  type: 'customAttribute',
  source: 'sdk',
  key: 'plan',
  operator,
  value,
});
const score = (operator: string, value?: unknown) => ({
  type: 'customAttribute',
  source: 'sdk',
  key: 'score',
  operator,
  ...(value !== undefined && { value }),
});
const invited = (occurrence: unknown, days: number) => ({
  type: 'event',
  source: 'jimo',
  name: 'Invited teammate',
  occurrence,
  period: { type: 'last', amount: days, unit: 'days' },
});

/** Saved: plan is pro, or invited at least twice in the last 7 days. */
const SAVED = {
  type: 'group',
  operator: 'or',
  conditions: [plan('equals', 'Pro'), invited({ operator: 'atLeast', count: 2 }, 7)],
};
/** Draft: (plan pro or team, or no score) and active within 10 days and score ≠ 5. */
const DRAFT = {
  type: 'group',
  operator: 'and',
  conditions: [
    { type: 'group', operator: 'or', conditions: [plan('in', ['PRO', 'team']), score('isNotSet')] },
    {
      type: 'attribute',
      attribute: 'lastActivityAt',
      operator: 'withinLast',
      value: { amount: 10, unit: 'days' },
    },
    score('notEquals', 5),
  ],
};
const HIGH_SCORE = { type: 'group', operator: 'and', conditions: [score('greaterThan', 50)] };
const QUIET = {
  type: 'group',
  operator: 'and',
  conditions: [invited({ operator: 'notOccurred' }, 3)],
};

const invitesWithin = (user: SeedUser, days: number) =>
  user.invitedDaysAgo.filter((ago) => ago < days).length;
const lastActiveDaysAgo = (user: SeedUser) => Math.min(user.seenDaysAgo, ...user.invitedDaysAgo);
const planIs = (user: SeedUser, values: string[]) =>
  user.plan !== undefined && values.includes(user.plan.toLowerCase());

const inSaved = (u: SeedUser) => planIs(u, ['pro']) || invitesWithin(u, 7) >= 2;
const inDraft = (u: SeedUser) =>
  (planIs(u, ['pro', 'team']) || u.score === undefined) &&
  lastActiveDaysAgo(u) < 10 &&
  u.score !== 5;
const inHighScore = (u: SeedUser) => u.score !== undefined && u.score > 50;
const inQuiet = (u: SeedUser) => invitesWithin(u, 3) === 0;

// ---- the running system ----

let ws: TestWorkspace;
const users = seedUsers(Number(process.env['IMPACT_SEED'] ?? 18));
const ids: Record<'saved' | 'high' | 'quiet', string> = { saved: '', high: '', quiet: '' };

const call = <T>(method: string, path: string, body?: unknown) =>
  api<T>(method, path, { key: ws.secretKey, body });

async function createSegment(name: string, rules: unknown): Promise<string> {
  const created = await call<{ id: string }>('POST', '/v1/segments', { name, rules });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function createExperience(name: string, audience: unknown): Promise<string> {
  const created = await call<{ id: string }>('POST', '/v1/experiences', {
    name,
    type: 'tour',
    steps: [{ id: 's1', kind: 'message' }],
    audience,
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

const readyCount = (segmentId: string, expected: number) =>
  waitFor(
    async () => {
      const answer = await call<{ count: number; status: string }>(
        'GET',
        `/v1/segments/${segmentId}/count`,
      );
      return answer.body.status === 'ready' && answer.body.count === expected ? true : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 100, what: `ready count ${expected} of ${segmentId}` },
  );

const impact = async (segmentId: string, rules: unknown) => {
  const answer = await call<Impact>('POST', `/v1/segments/${segmentId}/impact`, { rules });
  expect(answer.status).toBe(200);
  return answer.body;
};

const sample = (found: SeedUser[]) =>
  found
    .map((u) => u.userId)
    .sort()
    .slice(0, 10);
const reach = (...tests: Array<(u: SeedUser) => boolean>) =>
  users.filter((u) => tests.some((test) => test(u))).length;

beforeAll(async () => {
  ws = await createWorkspace('impact');
  const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  const messages = users.flatMap((user) => [
    {
      type: 'identify',
      userId: user.userId,
      traits: {
        ...(user.plan !== undefined && { plan: user.plan }),
        ...(user.score !== undefined && { score: user.score }),
      },
      timestamp: ago(user.seenDaysAgo),
    },
    ...user.invitedDaysAgo.map((days) => ({
      type: 'track',
      userId: user.userId,
      event: 'Invited teammate',
      timestamp: ago(days),
    })),
  ]);
  // `score` first with a number, so the catalog types it as one.
  messages.unshift({
    type: 'identify',
    userId: users[0]!.userId,
    traits: { score: 1 },
    timestamp: ago(30),
  });
  for (let i = 0; i < messages.length; i += 400) {
    const sent = await api('POST', '/v1/batch', {
      key: ws.publicKey,
      body: { batch: messages.slice(i, i + 400) },
    });
    expect(sent.status).toBe(202);
  }
  const expectedEvents = users.reduce((n, u) => n + u.invitedDaysAgo.length, 0);
  await waitFor(
    async () => {
      const listed = await call<{ items: unknown[] }>('GET', '/v1/users?limit=200');
      const events = await call<Array<{ name: string; count: number }>>('GET', '/v1/events');
      const counted = Array.isArray(events.body)
        ? events.body.find((e) => e.name === 'Invited teammate')?.count
        : undefined;
      return listed.body.items.length === USERS &&
        (expectedEvents === 0 || counted === expectedEvents)
        ? true
        : undefined;
    },
    { timeoutMs: 30_000, what: `the ${USERS} users and their events` },
  );
  ids.saved = await createSegment('Engaged', SAVED);
  ids.high = await createSegment('High score', HIGH_SCORE);
  ids.quiet = await createSegment('Quiet lately', QUIET);
  await readyCount(ids.saved, users.filter(inSaved).length);
  await readyCount(ids.high, users.filter(inHighScore).length);
  await readyCount(ids.quiet, users.filter(inQuiet).length);
}, 90_000);

it('answers join, leave and every using experience’s reach as a brute force computes them', async () => {
  const tour = await createExperience('Onboarding tour', {
    mode: 'segments',
    segmentIds: [ids.saved],
  });
  const mixed = await createExperience('Upsell', {
    mode: 'segments',
    segmentIds: [ids.high, ids.saved, ids.quiet],
  });
  await createExperience('Not using it', { mode: 'segments', segmentIds: [ids.high] });
  await createExperience('Everyone', { mode: 'all' });

  const answer = await impact(ids.saved, DRAFT);
  const joins = users.filter((u) => inDraft(u) && !inSaved(u));
  const leaves = users.filter((u) => inSaved(u) && !inDraft(u));
  // The dataset exercises both sides (else the comparison proves little).
  expect(joins.length).toBeGreaterThan(0);
  expect(leaves.length).toBeGreaterThan(0);
  expect(answer.exact).toBe(true);
  expect(answer.scanned).toBe(1);
  expect(answer.join).toEqual({ count: joins.length, sample: sample(joins) });
  expect(answer.leave).toEqual({ count: leaves.length, sample: sample(leaves) });
  const expected = [
    {
      id: tour,
      name: 'Onboarding tour',
      status: 'draft',
      before: reach(inSaved),
      after: reach(inDraft),
    },
    {
      id: mixed,
      name: 'Upsell',
      status: 'draft',
      before: reach(inSaved, inHighScore, inQuiet),
      after: reach(inDraft, inHighScore, inQuiet),
    },
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(answer.experiences).toEqual(expected);

  // The rules as saved change nobody.
  const same = await impact(ids.saved, SAVED);
  expect(same.join).toEqual({ count: 0, sample: [] });
  expect(same.leave).toEqual({ count: 0, sample: [] });
  for (const experience of same.experiences) expect(experience.after).toBe(experience.before);

  // Once saved, the read model agrees: the reach before is the draft's reach after.
  const saved = await call('PUT', `/v1/segments/${ids.saved}`, { rules: DRAFT });
  expect(saved.status).toBe(200);
  await readyCount(ids.saved, users.filter(inDraft).length);
  const afterSave = await impact(ids.saved, DRAFT);
  expect(afterSave.experiences.map(({ id, before }) => ({ id, before }))).toEqual(
    expected.map(({ id, after }) => ({ id, before: after })),
  );
  expect(afterSave.join.count + afterSave.leave.count).toBe(0);
}, 60_000);

it('validates like an update: every bad path named, cycles refused, unknown segments 404', async () => {
  const bad = await call<{ details: Array<{ path: string }> }>(
    'POST',
    `/v1/segments/${ids.high}/impact`,
    { rules: { type: 'group', operator: 'and', conditions: [score('startsWith', 5)] }, extra: 1 },
  );
  expect(bad.status).toBe(400);
  const paths = bad.body.details.map((d) => d.path);
  expect(paths).toContain('rules.conditions[0].operator');
  expect(paths.some((p) => p.includes('extra') || p === '')).toBe(true);

  const missing = await call<{ details: Array<{ path: string }> }>(
    'POST',
    `/v1/segments/${ids.high}/impact`,
    {},
  );
  expect(missing.status).toBe(400);
  expect(missing.body.details).toContainEqual(expect.objectContaining({ path: 'rules' }));

  const selfReference = await call('POST', `/v1/segments/${ids.high}/impact`, {
    rules: {
      type: 'group',
      operator: 'and',
      conditions: [{ type: 'segment', segmentId: ids.high, operator: 'in' }],
    },
  });
  expect(selfReference.status).toBe(400);

  const unknown = await call('POST', '/v1/segments/seg_doesnotexist0000/impact', {
    rules: HIGH_SCORE,
  });
  expect(unknown.status).toBe(404);
});
