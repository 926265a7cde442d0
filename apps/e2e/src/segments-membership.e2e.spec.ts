// Segment membership through the running system: a small dataset seeded straight into the
// profile store (profiles, events, attribute catalog), segments created over HTTP, and every
// batch answer (preview, members, count) and one-user answer (explain, and targeting: the
// experiences service asks `segments.membership.check`) checked against membership computed
// by hand.
import { MongoClient } from 'mongodb';
import { api, createWorkspace, type TestWorkspace } from './support/api';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

interface Seed {
  userId: string;
  name: string;
  email: string | null;
  lastActivityDaysAgo: number;
  sessions: number;
  tags: string[];
  custom: Record<string, Record<string, unknown>>;
}

const USERS: Seed[] = [
  {
    userId: 'u01',
    name: 'Alice',
    email: 'alice@acme.com',
    lastActivityDaysAgo: 1,
    sessions: 12,
    tags: ['vip'],
    custom: {
      sdk: { plan: 'pro', seats: 10, roles: ['admin', 'editor'] },
      hubspot: { lifecyclestage: 'customer' },
    },
  },
  {
    userId: 'u02',
    name: 'Bob',
    email: 'bob@acme.com',
    lastActivityDaysAgo: 10,
    sessions: 3,
    tags: [],
    custom: { sdk: { plan: 'free', seats: 1 } },
  },
  {
    userId: 'u03',
    name: 'Carol',
    email: 'carol@other.io',
    lastActivityDaysAgo: 5,
    sessions: 30,
    tags: ['beta'],
    custom: {
      sdk: { plan: 'PRO', seats: 25, roles: ['viewer'] },
      hubspot: { lifecyclestage: 'lead' },
    },
  },
  {
    userId: 'u04',
    name: 'Dan',
    email: null,
    lastActivityDaysAgo: 60,
    sessions: 1,
    tags: [],
    custom: {},
  },
  {
    userId: 'u05',
    name: 'Eve',
    email: 'eve@ACME.com',
    lastActivityDaysAgo: 3,
    sessions: 8,
    tags: [],
    custom: { sdk: { plan: 'pro' }, hubspot: { lifecyclestage: 'Customer' } },
  },
];

const INVITED = 'Invited teammate';
// [userId, source, daysAgo, role]
const EVENTS: Array<[string, 'jimo' | 'segment', number, string]> = [
  ['u01', 'jimo', 1, 'admin'],
  ['u01', 'jimo', 2, 'admin'],
  ['u01', 'jimo', 3, 'viewer'],
  ['u02', 'jimo', 4, 'admin'],
  ['u03', 'jimo', 40, 'viewer'],
  ['u03', 'jimo', 41, 'viewer'],
  ['u03', 'jimo', 42, 'viewer'],
  ['u03', 'jimo', 43, 'viewer'],
  ['u05', 'segment', 1, 'admin'],
  ['u05', 'segment', 2, 'admin'],
];

const ALL = ['u01', 'u02', 'u03', 'u04', 'u05'];
const inviteLast7 = {
  type: 'event',
  source: 'jimo',
  name: INVITED,
  period: { type: 'last', amount: 7, unit: 'days' },
};

/** Each segment's rules and its members, computed by hand from the dataset above. */
const CASES: Array<{ name: string; rules: unknown; members: string[] }> = [
  { name: 'Everyone', rules: group('and', []), members: ALL },
  {
    name: 'Acme users',
    rules: group('and', [
      { type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@ACME.com' },
    ]),
    members: ['u01', 'u02', 'u05'],
  },
  {
    name: 'Pro plan',
    rules: group('and', [
      { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'equals', value: 'pro' },
    ]),
    members: ['u01', 'u03', 'u05'],
  },
  {
    name: 'Active inviters',
    rules: group('and', [{ ...inviteLast7, occurrence: { operator: 'atLeast', count: 2 } }]),
    members: ['u01'],
  },
  {
    name: 'Admin inviters',
    rules: group('and', [
      {
        type: 'event',
        source: 'jimo',
        name: INVITED,
        properties: [{ key: 'role', operator: 'equals', value: 'admin' }],
      },
    ]),
    members: ['u01', 'u02'],
  },
  {
    name: 'Beta or frequent',
    rules: group('or', [
      { type: 'attribute', attribute: 'tags', operator: 'contains', value: 'beta' },
      { type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value: 10 },
    ]),
    members: ['u01', 'u03'],
  },
  {
    name: 'Not acme (missing email included)',
    rules: group('and', [
      { type: 'attribute', attribute: 'email', operator: 'notContains', value: 'acme' },
    ]),
    members: ['u03', 'u04'],
  },
  {
    name: 'Admins by role list',
    rules: group('and', [
      {
        type: 'customAttribute',
        source: 'sdk',
        key: 'roles',
        operator: 'contains',
        value: 'ADMIN',
      },
    ]),
    members: ['u01'],
  },
  {
    name: 'Seats between 5 and 25',
    rules: group('and', [
      { type: 'customAttribute', source: 'sdk', key: 'seats', operator: 'between', value: [5, 25] },
    ]),
    members: ['u01', 'u03'],
  },
];

function group(operator: 'and' | 'or', conditions: unknown[]) {
  return { type: 'group', operator, conditions };
}

let workspace: TestWorkspace;
let mongo: MongoClient;
const experienceOf = new Map<string, string>();
const ids = new Map<string, string>();

async function seed(workspaceId: string): Promise<void> {
  const db = mongo.db(process.env['E2E_MONGODB_DB']);
  await db.collection<{ _id: string }>('profiles').insertMany(
    USERS.map((user) => ({
      // The profile store's key (profile.schema.ts): one-user reads go by `_id`.
      _id: `${workspaceId}/${user.userId}`,
      workspaceId,
      userId: user.userId,
      name: user.name,
      email: user.email,
      createdAt: daysAgo(100),
      lastActivityAt: daysAgo(user.lastActivityDaysAgo),
      sessions: user.sessions,
      tags: user.tags,
      custom: user.custom,
      experiences: { seen: [], completed: [], answers: [] },
    })),
  );
  await db.collection('events').insertMany(
    EVENTS.map(([userId, source, days, role]) => ({
      workspaceId,
      userId,
      source,
      name: INVITED,
      timestamp: daysAgo(days),
      properties: { role },
    })),
  );
  const catalog: Array<[string, string, string]> = [
    ['sdk', 'plan', 'string'],
    ['sdk', 'seats', 'number'],
    ['sdk', 'roles', 'list'],
    ['hubspot', 'lifecyclestage', 'string'],
  ];
  await db.collection('attribute_catalog').insertMany(
    catalog.map(([source, key, type]) => ({
      workspaceId,
      source,
      key,
      type,
      sampleValues: [],
      rejectedCount: 0,
      createdAt: new Date(),
    })),
  );
}

async function memberIds(segmentId: string, limit: number): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await api<{ users: Array<{ userId: string }>; nextCursor: string | null }>(
      'GET',
      `/v1/segments/${segmentId}/users?${query}`,
      { key: workspace.secretKey },
    );
    expect(page.status).toBe(200);
    found.push(...page.body.users.map((user) => user.userId));
    cursor = page.body.nextCursor;
  } while (cursor !== null);
  return found;
}

beforeAll(async () => {
  mongo = await MongoClient.connect(process.env['E2E_MONGODB_URI'] as string);
  workspace = await createWorkspace('segments membership');
  const other = await createWorkspace('segments membership, other workspace');
  await seed(workspace.id);
  // Same userIds in another workspace: never visible from the first one.
  await seed(other.id);
  for (const { name, rules } of CASES) {
    const created = await api<{ id: string }>('POST', '/v1/segments', {
      key: workspace.secretKey,
      body: { name, rules },
    });
    expect(created.status).toBe(201);
    ids.set(name, created.body.id);
    experienceOf.set(name, await publishedExperience(`Targets ${name}`, [created.body.id]));
  }
});

afterAll(async () => {
  await mongo?.close();
});

/** A published experience whose audience is these segments. */
async function publishedExperience(name: string, segmentIds: string[]): Promise<string> {
  const created = await api<{ id: string }>('POST', '/v1/experiences', {
    key: workspace.secretKey,
    body: {
      name,
      type: 'announcement',
      steps: [{ id: 's1', kind: 'message' }],
      audience: { mode: 'segments', segmentIds },
    },
  });
  expect(created.status).toBe(201);
  const published = await api('POST', `/v1/experiences/${created.body.id}/publish`, {
    key: workspace.secretKey,
  });
  expect(published.status).toBe(200);
  return created.body.id;
}

/** Ids of the published experiences targeting the user now (the SDK's call). */
async function targeted(userId: string): Promise<string[]> {
  const response = await api<{ experiences: Array<{ id: string }> }>(
    'GET',
    `/v1/users/${userId}/experiences`,
    { key: workspace.publicKey },
  );
  expect(response.status).toBe(200);
  return response.body.experiences.map((experience) => experience.id).sort();
}

describe('segment membership on a seeded dataset', () => {
  it.each(CASES)('$name: members, count and preview match the hand-computed set', async (c) => {
    const id = ids.get(c.name) as string;
    expect(await memberIds(id, 2)).toEqual(c.members);
    const count = await api('GET', `/v1/segments/${id}/count`, { key: workspace.secretKey });
    expect(count).toMatchObject({ status: 200, body: { count: c.members.length } });
    const preview = await api<{ count: number; users: Array<{ userId: string }> }>(
      'POST',
      '/v1/segments/preview',
      { key: workspace.secretKey, body: { rules: c.rules, limit: 1000 } },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(c.members.length);
    expect(preview.body.users.map((user) => user.userId)).toEqual(c.members);
  });

  it.each(CASES)('$name: explain agrees for every user', async (c) => {
    const id = ids.get(c.name) as string;
    for (const userId of ALL) {
      const expected = c.members.includes(userId);
      const explained = await api<{ member: boolean; explanation: { result: boolean } }>(
        'GET',
        `/v1/segments/${id}/users/${userId}`,
        { key: workspace.secretKey },
      );
      expect({ userId, status: explained.status, member: explained.body.member }).toEqual({
        userId,
        status: 200,
        member: expected,
      });
      expect(explained.body.explanation.result).toBe(expected);
    }
  });

  it('targets each user with the experiences of exactly the segments they are in', async () => {
    for (const userId of ALL) {
      const expected = CASES.filter((c) => c.members.includes(userId))
        .map((c) => experienceOf.get(c.name) as string)
        .sort();
      expect({ userId, experiences: await targeted(userId) }).toEqual({
        userId,
        experiences: expected,
      });
    }
    // A user without a profile is in no segment (not even the empty-rules one).
    expect(await targeted('no-such-user')).toEqual([]);
  });

  it('lists users with userId, name, email and lastActivityAt, paged in a stable order', async () => {
    const id = ids.get('Everyone') as string;
    const first = await api<{ users: unknown[]; nextCursor: string | null }>(
      'GET',
      `/v1/segments/${id}/users?limit=2`,
      { key: workspace.secretKey },
    );
    expect(first.status).toBe(200);
    expect(first.body.users).toEqual([
      {
        userId: 'u01',
        name: 'Alice',
        email: 'alice@acme.com',
        lastActivityAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
      { userId: 'u02', name: 'Bob', email: 'bob@acme.com', lastActivityAt: expect.any(String) },
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const last = await api<{ users: Array<{ userId: string; email: string | null }> }>(
      'GET',
      `/v1/segments/${id}/users?limit=3&cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
      { key: workspace.secretKey },
    );
    expect(last.body).toEqual({
      users: [
        expect.objectContaining({ userId: 'u03' }),
        expect.objectContaining({ userId: 'u04', email: null }),
        expect.objectContaining({ userId: 'u05' }),
      ],
      nextCursor: null,
    });
  });

  it('previews unsaved rules: count, first page and a cursor to the next', async () => {
    const rules = CASES.find((c) => c.name === 'Pro plan')?.rules;
    const first = await api<{
      count: number;
      users: Array<{ userId: string }>;
      nextCursor: string;
    }>('POST', '/v1/segments/preview', { key: workspace.secretKey, body: { rules, limit: 2 } });
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(3);
    // A small workspace is always scanned at once: exact, no interval, no background count.
    expect(first.body).toMatchObject({ exact: true, scanned: 1 });
    expect(first.body).not.toHaveProperty('countId');
    expect(first.body.users.map((user) => user.userId)).toEqual(['u01', 'u03']);
    const next = await api<{ count: number; users: Array<{ userId: string }>; nextCursor: null }>(
      'POST',
      '/v1/segments/preview',
      { key: workspace.secretKey, body: { rules, limit: 2, cursor: first.body.nextCursor } },
    );
    expect(next.body).toMatchObject({ count: 3, users: [{ userId: 'u05' }], nextCursor: null });
  });

  it("answers 404 for a preview count that does not exist (or is another workspace's)", async () => {
    const response = await api('GET', '/v1/segments/counts/cnt_0123456789abcdef', {
      key: workspace.secretKey,
    });
    expect(response).toMatchObject({ status: 404, body: { error: 'NotFound' } });
  });

  it('explains one user: each node with its result, event counts and window', async () => {
    const id = ids.get('Active inviters') as string;
    const response = await api('GET', `/v1/segments/${id}/users/u02`, {
      key: workspace.secretKey,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      member: false,
      explanation: {
        type: 'group',
        operator: 'and',
        result: false,
        conditions: [
          expect.objectContaining({
            type: 'event',
            result: false,
            count: 1,
            window: expect.objectContaining({ from: expect.any(String), to: expect.any(String) }),
            // One invite in the window, two needed: time alone only takes events away.
            changesAt: null,
          }),
        ],
      },
      nextChangeAt: null,
    });
  });

  it('answers 404 for an unknown user or segment', async () => {
    const id = ids.get('Everyone') as string;
    const user = await api('GET', `/v1/segments/${id}/users/nobody`, { key: workspace.secretKey });
    expect(user).toMatchObject({ status: 404, body: { error: 'NotFound' } });
    for (const path of ['/users', '/count', '/users/u01']) {
      const response = await api('GET', `/v1/segments/seg_unknown0000000${path}`, {
        key: workspace.secretKey,
      });
      expect(response).toMatchObject({ status: 404, body: { error: 'NotFound' } });
    }
  });

  it('rejects bad preview input with every offending path', async () => {
    const response = await api<{ details: Array<{ path: string }> }>(
      'POST',
      '/v1/segments/preview',
      {
        key: workspace.secretKey,
        body: {
          limit: 5000,
          cursor: 'not-a-cursor',
          rules: group('and', [
            {
              type: 'customAttribute',
              source: 'sdk',
              key: 'seats',
              operator: 'contains',
              value: 'x',
            },
          ]),
        },
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.details.map((detail) => detail.path).sort()).toEqual(
      ['limit', 'rules.conditions[0].operator'].sort(),
    );
    const cursor = await api('GET', `/v1/segments/${ids.get('Everyone')}/users?cursor=zzz`, {
      key: workspace.secretKey,
    });
    expect(cursor).toMatchObject({ status: 400, body: { details: [{ path: 'query.cursor' }] } });
  });

  it('reflects an update in targeting within 1 second, with no republish', async () => {
    const id = ids.get('Beta or frequent') as string;
    const experience = experienceOf.get('Beta or frequent') as string;
    expect(await targeted('u02')).not.toContain(experience);
    const updated = await api<{ version: number }>('PUT', `/v1/segments/${id}`, {
      key: workspace.secretKey,
      body: {
        rules: group('or', [
          { type: 'attribute', attribute: 'sessions', operator: 'lessThan', value: 5 },
        ]),
      },
    });
    expect(updated).toMatchObject({ status: 200, body: { version: 2 } });
    const returnedAt = Date.now();
    expect(await targeted('u02')).toContain(experience);
    expect(Date.now() - returnedAt).toBeLessThan(1_000);
    expect(await memberIds(id, 50)).toEqual(['u02', 'u04']);
  });
  it('says when a membership changes by time alone (nextChangeAt, changesAt)', async () => {
    const created = await api<{ id: string }>('POST', '/v1/segments', {
      key: workspace.secretKey,
      body: {
        name: 'Active this week',
        rules: group('and', [
          {
            type: 'attribute',
            attribute: 'lastActivityAt',
            operator: 'withinLast',
            value: { amount: 7, unit: 'days' },
          },
        ]),
      },
    });
    expect(created.status).toBe(201);
    const profile = await api<{ lastActivityAt: string }>('GET', '/v1/users/u01', {
      key: workspace.secretKey,
    });
    const leaves = Date.parse(profile.body.lastActivityAt) + 7 * DAY + 1;
    const explained = await api<{
      member: boolean;
      nextChangeAt: string | null;
      explanation: { conditions: Array<{ changesAt?: string | null }> };
    }>('GET', `/v1/segments/${created.body.id}/users/u01`, { key: workspace.secretKey });
    expect(explained.body).toMatchObject({
      member: true,
      nextChangeAt: new Date(leaves).toISOString(),
      explanation: { conditions: [{ changesAt: new Date(leaves).toISOString() }] },
    });
    // Not time-relative: never changes by time alone.
    const plain = ids.get('Beta or frequent') as string;
    const unchanged = await api<{ nextChangeAt: string | null }>(
      'GET',
      `/v1/segments/${plain}/users/u01`,
      { key: workspace.secretKey },
    );
    expect(unchanged.body.nextChangeAt).toBeNull();
  });
});
