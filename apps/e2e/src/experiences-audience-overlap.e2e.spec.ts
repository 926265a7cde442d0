// Audience overlap (issue 18 item 7) through the running system: users ingested over HTTP
// from a seeded generator (some without the attributes the segments test, some active long
// ago), segments and published experiences created over HTTP; once the membership read model
// is ready, every figure of `POST /v1/experiences/audience-overlap` (total, each selected
// segment's members and what it adds, the overlap and share with each other published
// experience) must equal a brute-force count over the seeded users, with membership decided
// here from the seed by the spec's rules (segments.md), not by the services.
import { MongoClient } from 'mongodb';
import { waitFor } from '@seg/testing';
import { api, createWorkspace, type TestWorkspace } from './support/api';

const DAY = 24 * 60 * 60 * 1000;

interface Seed {
  userId: string;
  plan?: string;
  seats?: number;
  country?: string;
  activeDaysAgo: number;
}

/** mulberry32: the same users on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedUsers(count: number): Seed[] {
  const next = random(18_7);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];
  return Array.from({ length: count }, (_, index) => {
    const user: Seed = {
      userId: `ov-${String(index).padStart(3, '0')}`,
      // Far from the 7-day window's edge either way: 1–3 days or 12–20 days ago.
      activeDaysAgo: next() < 0.5 ? 1 + Math.floor(next() * 3) : 12 + Math.floor(next() * 9),
    };
    // Each attribute missing for some users (the negative operator matches them).
    if (next() < 0.8) user.plan = pick(['pro', 'free', 'Pro', 'team']);
    if (next() < 0.7) user.seats = Math.floor(next() * 30);
    if (next() < 0.75) user.country = pick(['US', 'FR', 'DE', 'GB']);
    return user;
  });
}

const USERS = seedUsers(80);

/** The segments, each with its rules and the same membership decided from the seed. */
const SEGMENTS = {
  pro: {
    name: 'Pro plan',
    condition: {
      type: 'customAttribute',
      source: 'sdk',
      key: 'plan',
      operator: 'equals',
      value: 'pro',
    },
    // String comparisons ignore case: "Pro" is in.
    member: (u: Seed) => u.plan?.toLowerCase() === 'pro',
  },
  bigTeams: {
    name: 'Big teams',
    condition: {
      type: 'customAttribute',
      source: 'sdk',
      key: 'seats',
      operator: 'greaterThanOrEqual',
      value: 10,
    },
    member: (u: Seed) => u.seats !== undefined && u.seats >= 10,
  },
  notUs: {
    name: 'Outside the US',
    condition: {
      type: 'customAttribute',
      source: 'sdk',
      key: 'country',
      operator: 'notEquals',
      value: 'US',
    },
    // A negative operator also matches users without the attribute.
    member: (u: Seed) => u.country?.toLowerCase() !== 'us',
  },
  eu: {
    name: 'EU',
    condition: {
      type: 'customAttribute',
      source: 'sdk',
      key: 'country',
      operator: 'in',
      value: ['FR', 'DE'],
    },
    member: (u: Seed) => u.country === 'FR' || u.country === 'DE',
  },
  active: {
    name: 'Active this week',
    condition: {
      type: 'attribute',
      attribute: 'lastActivityAt',
      operator: 'withinLast',
      value: { amount: 7, unit: 'days' },
    },
    member: (u: Seed) => u.activeDaysAgo < 7,
  },
} as const;
type SegmentKey = keyof typeof SEGMENTS;

interface Overlap {
  total: number;
  segments: Array<{ id: string; name: string; members: number; adds: number }>;
  experiences: Array<{ id: string; name: string; overlap: number; share: number }>;
  status: string;
  pending: string[];
  estimated: boolean;
  asOf: string;
}

type SeedAudience = 'all' | SegmentKey[];

/** The brute force: users of an audience, from the seed alone. */
const usersOf = (audience: SeedAudience) =>
  USERS.filter((u) => audience === 'all' || audience.some((key) => SEGMENTS[key].member(u))).map(
    (u) => u.userId,
  );

describe('audience overlap (the read model) equals a brute-force count over the seed', () => {
  let ws: TestWorkspace;
  const ids = {} as Record<SegmentKey, string>;
  /** Experiences by name: audience and whether published. */
  const EXPERIENCES: Array<{ name: string; audience: SeedAudience; published: boolean }> = [
    { name: 'Onboarding tour', audience: ['pro', 'eu'], published: true },
    { name: 'Maintenance banner', audience: 'all', published: true },
    { name: 'Targets nobody', audience: [], published: true },
    { name: 'Team survey', audience: ['bigTeams', 'notUs'], published: true },
    { name: 'Unpublished draft', audience: ['bigTeams'], published: false },
  ];
  const experienceIds: Record<string, string> = {};

  const overlap = (body: unknown) =>
    api<Overlap>('POST', '/v1/experiences/audience-overlap', { key: ws.secretKey, body });

  const audienceBody = (audience: SeedAudience) =>
    audience === 'all'
      ? { mode: 'all' }
      : { mode: 'segments', segmentIds: audience.map((key) => ids[key]) };

  /** The answer once the read model is ready for every segment involved. */
  const readyOverlap = (body: unknown) =>
    waitFor(
      async () => {
        const answer = await overlap(body);
        expect(answer.status).toBe(200);
        return answer.body.status === 'ready' ? answer.body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'overlap ready' },
    );

  /** Every figure, from the seed, for `audience` compared with the published others. */
  function expected(audience: SeedAudience, self?: string) {
    const mine = new Set(usersOf(audience));
    const selected = audience === 'all' ? [] : audience;
    return {
      total: mine.size,
      segments: selected.map((key) => ({
        id: ids[key],
        name: SEGMENTS[key].name,
        members: USERS.filter((u) => SEGMENTS[key].member(u)).length,
        adds: USERS.filter(
          (u) =>
            SEGMENTS[key].member(u) &&
            selected.every((other) => other === key || !SEGMENTS[other].member(u)),
        ).length,
      })),
      experiences: EXPERIENCES.filter((e) => e.published && e.name !== self)
        .map((e) => {
          const both = usersOf(e.audience).filter((userId) => mine.has(userId)).length;
          return {
            id: experienceIds[e.name],
            name: e.name,
            overlap: both,
            share: mine.size === 0 ? 0 : both / mine.size,
          };
        })
        .sort((a, b) => b.overlap - a.overlap || a.name.localeCompare(b.name)),
    };
  }

  beforeAll(async () => {
    ws = await createWorkspace('audience overlap');
    const now = Date.now();
    const batch = await api('POST', '/v1/batch', {
      key: ws.publicKey,
      body: {
        batch: USERS.map((u) => ({
          type: 'identify',
          userId: u.userId,
          timestamp: new Date(now - u.activeDaysAgo * DAY).toISOString(),
          traits: {
            name: u.userId,
            ...(u.plan !== undefined && { plan: u.plan }),
            ...(u.seats !== undefined && { seats: u.seats }),
            ...(u.country !== undefined && { country: u.country }),
          },
        })),
      },
    });
    expect(batch.status).toBe(202);
    await waitFor(
      async () => {
        const page = await api<{ items: unknown[] }>('GET', '/v1/users?limit=1000', {
          key: ws.secretKey,
        });
        return page.body.items?.length === USERS.length ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'every seeded user applied' },
    );
    for (const [key, segment] of Object.entries(SEGMENTS) as Array<
      [SegmentKey, (typeof SEGMENTS)[SegmentKey]]
    >) {
      const created = await waitFor(
        async () => {
          const response = await api<{ id: string }>('POST', '/v1/segments', {
            key: ws.secretKey,
            body: {
              name: segment.name,
              rules: { type: 'group', operator: 'and', conditions: [segment.condition] },
            },
          });
          return response.status === 201 ? response.body : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 200, what: `segment ${segment.name}` },
      );
      ids[key] = created.id;
    }
    for (const experience of EXPERIENCES) {
      const created = await api<{ id: string }>('POST', '/v1/experiences', {
        key: ws.secretKey,
        body: {
          name: experience.name,
          type: 'announcement',
          steps: [{ id: 's1', kind: 'message' }],
          audience: audienceBody(experience.audience),
        },
      });
      expect(created.status).toBe(201);
      experienceIds[experience.name] = created.body.id;
      if (experience.published) {
        const published = await api('POST', `/v1/experiences/${created.body.id}/publish`, {
          key: ws.secretKey,
        });
        expect(published.status).toBe(200);
      }
    }
  }, 120_000);

  it('a saved experience: each segment adds its own users; the experience itself is left out', async () => {
    const audience: SeedAudience = ['bigTeams', 'notUs'];
    const answer = await readyOverlap({
      audience: audienceBody(audience),
      experienceId: experienceIds['Team survey'],
    });
    expect(answer).toMatchObject({ ...expected(audience, 'Team survey'), estimated: false });
    expect(answer.pending).toEqual([]);
    // The members are the segments' sizes as counted by the read model.
    for (const segment of answer.segments) {
      const count = await api<{ count: number }>('GET', `/v1/segments/${segment.id}/count`, {
        key: ws.secretKey,
      });
      expect(count.body.count).toBe(segment.members);
    }
  });

  it('a draft of three segments, a time window and missing attributes among them', async () => {
    for (const audience of [
      ['pro', 'eu', 'active'],
      ['active', 'notUs', 'bigTeams', 'pro'],
      ['eu'],
    ] as SegmentKey[][]) {
      const answer = await readyOverlap({ audience: audienceBody(audience) });
      expect(answer).toMatchObject(expected(audience));
      expect(answer.experiences.map((e) => e.name)).not.toContain('Unpublished draft');
    }
  });

  it('All users: every user, and how much of it each published experience reaches', async () => {
    const answer = await readyOverlap({ audience: { mode: 'all' } });
    expect(answer).toMatchObject(expected('all'));
    expect(answer.total).toBe(USERS.length);
  });

  it('says so, and marks the figures estimated, while a segment is not computed from its current version', async () => {
    // As if EU's recomputation had not finished: its state is of an older version.
    const mongo = await MongoClient.connect(process.env['E2E_MONGODB_URI'] as string);
    try {
      const states = mongo.db(process.env['E2E_MONGODB_DB']).collection<{
        _id: string;
        deps: Record<string, number>;
      }>('segment_states');
      const state = await states.findOne({ _id: ids.eu });
      expect(state).not.toBeNull();
      await states.updateOne({ _id: ids.eu }, { $set: { deps: { [ids.eu]: 0 } } });
      try {
        const answer = await overlap({ audience: audienceBody(['pro']) });
        // EU is not selected, but Onboarding tour's overlap depends on it.
        expect(answer.body).toMatchObject({
          status: 'computing',
          pending: [ids.eu],
          estimated: true,
        });
        const another = await overlap({ audience: audienceBody(['bigTeams']) });
        expect(another.body).toMatchObject({ status: 'computing', pending: [ids.eu] });
      } finally {
        await states.updateOne({ _id: ids.eu }, { $set: { deps: state!.deps } });
      }
      const after = await overlap({ audience: audienceBody(['pro']) });
      expect(after.body).toMatchObject({ status: 'ready', pending: [], estimated: false });
    } finally {
      await mongo.close();
    }
  });

  it('names an unknown segment, and a malformed body, in a 400', async () => {
    const unknown = await overlap({
      audience: { mode: 'segments', segmentIds: [ids.pro, 'seg_doesnotexist1'] },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('audience.segmentIds[1]');
    const malformed = await overlap({ audience: { mode: 'segments', segmentIds: ['$gt'] } });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('audience.segmentIds');
    const noAudience = await overlap({ experienceId: experienceIds['Onboarding tour'] });
    expect(noAudience.status).toBe(400);
  });
});
