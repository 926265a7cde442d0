// Tenancy and key scopes through the running system: a workspace's secret key never
// reads or changes another workspace's users, segments or experiences (404, and the
// other workspace's data is unchanged afterwards); the public key is refused (403) on
// every secret-only endpoint; no key is refused (401) everywhere.
import { createHmac } from 'node:crypto';
import { waitFor } from '@seg/testing';
import { adminToken, api, ApiResponse, createWorkspace, TestWorkspace } from './support/api';
import { createSentinel, type Sentinel } from './support/sentinel';
import { catalogSettled } from './support/catalog-settled';

interface Fixture {
  ws: TestWorkspace;
  userId: string;
  segmentId: string;
  /** Published, audience `all`. */
  publishedId: string;
  /** Draft. */
  draftId: string;
  /** Segment.io's shared secret of this workspace's webhook. */
  segmentSecret: string;
}

interface ErrorBody {
  error: string;
  message: string;
}

const steps = [
  { id: 'intro', kind: 'message' },
  { id: 'q1', kind: 'question', question: 'Useful?', options: ['Yes', 'No'] },
];
const EVERYONE = { type: 'group', operator: 'and', conditions: [] };

async function ok<T>(response: Promise<ApiResponse<T>>, status: number): Promise<T> {
  const answer = await response;
  if (answer.status !== status) {
    throw new Error(`expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

async function fixture(label: string): Promise<Fixture> {
  const ws = await createWorkspace(`tenancy ${label}`);
  const userId = `tenant-${label}-user`;
  await ok(
    api('POST', '/v1/identify', {
      key: ws.publicKey,
      body: {
        userId,
        traits: { name: `User ${label}`, email: `${label}@example.com`, plan: label },
      },
    }),
    202,
  );
  await waitFor(() => api('GET', `/v1/users/${userId}`, { key: ws.secretKey }), {
    until: (response) => response.status === 200,
    timeoutMs: 15_000,
    what: `the profile of ${userId}`,
  });
  const secret = (body?: unknown) => ({ key: ws.secretKey, body });
  const segment = await ok(
    api<{ id: string }>('POST', '/v1/segments', secret({ name: `seg ${label}`, rules: EVERYONE })),
    201,
  );
  const published = await ok(
    api<{ id: string }>(
      'POST',
      '/v1/experiences',
      secret({ name: `live ${label}`, type: 'survey', steps, audience: { mode: 'all' } }),
    ),
    201,
  );
  await ok(api('POST', `/v1/experiences/${published.id}/publish`, secret()), 200);
  const draft = await ok(
    api<{ id: string }>(
      'POST',
      '/v1/experiences',
      secret({
        name: `draft ${label}`,
        type: 'tour',
        steps,
        audience: { mode: 'segments', segmentIds: [segment.id] },
      }),
    ),
    201,
  );
  const segmentSecret = `segment-secret-of-${label}-${ws.id}`;
  await ok(api('PUT', '/v1/integrations/segment', secret({ sharedSecret: segmentSecret })), 200);
  return {
    ws,
    userId,
    segmentId: segment.id,
    publishedId: published.id,
    draftId: draft.id,
    segmentSecret,
  };
}

/** Everything B's secret key can read about B's own data (compared before/after). */
async function snapshot(f: Fixture): Promise<Record<string, unknown>> {
  const key = f.ws.secretKey;
  const get = async (path: string) => {
    const response = await api('GET', path, { key });
    return { status: response.status, body: response.body };
  };
  return {
    user: await get(`/v1/users/${f.userId}`),
    users: await get('/v1/users'),
    segment: await get(`/v1/segments/${f.segmentId}`),
    segments: await get('/v1/segments'),
    members: await get(`/v1/segments/${f.segmentId}/users`),
    count: await get(`/v1/segments/${f.segmentId}/count`),
    published: await get(`/v1/experiences/${f.publishedId}`),
    draft: await get(`/v1/experiences/${f.draftId}`),
    experiences: await get('/v1/experiences'),
    targeted: await get(`/v1/users/${f.userId}/experiences`),
    events: await get('/v1/events'),
    attributes: await get('/v1/attributes'),
    integrations: await get('/v1/integrations'),
  };
}

/**
 * B's ids and data found in an answer. What the request itself named (an error
 * message may echo the id it did not find) is not a leak.
 */
function leaks(body: unknown, b: Fixture, request = ''): string[] {
  const text = JSON.stringify(body ?? null);
  return [
    b.ws.id,
    b.userId,
    b.segmentId,
    b.publishedId,
    b.draftId,
    'User B',
    'b@example.com',
    'seg b',
    'live b',
    'draft b',
  ].filter((needle) => text.includes(needle) && !request.includes(needle));
}

let a: Fixture;
let b: Fixture;
let before: Record<string, unknown>;
let sentinel: Sentinel;

beforeAll(async () => {
  [a, b, sentinel] = await Promise.all([fixture('a'), fixture('b'), createSentinel('tenancy')]);
  // Wait for B's segment membership to settle so the snapshot is stable.
  await waitFor(
    () =>
      api<{ count: number }>('GET', `/v1/segments/${b.segmentId}/count`, { key: b.ws.secretKey }),
    {
      until: (response) => response.status === 200 && response.body.count === 1,
      timeoutMs: 15_000,
      what: "B's segment counting B's user",
    },
  );
  // The catalog's coverage and last writes are counted and stored in the background.
  await Promise.all([catalogSettled(a.ws.secretKey), catalogSettled(b.ws.secretKey)]);
  before = await snapshot(b);
}, 90_000);

describe("A's secret key on B's ids", () => {
  // Every id-taking endpoint, called with A's secret key on B's ids.
  const cases: Array<[string, () => [string, string, unknown?]]> = [
    ['GET users/:userId', () => ['GET', `/v1/users/${b.userId}`]],
    ['GET users/:userId/events', () => ['GET', `/v1/users/${b.userId}/events`]],
    ['POST users/:userId/tags', () => ['POST', `/v1/users/${b.userId}/tags`, { tags: ['x'] }]],
    ['DELETE users/:userId/tags', () => ['DELETE', `/v1/users/${b.userId}/tags`, { tags: ['x'] }]],
    ['GET segments/:id', () => ['GET', `/v1/segments/${b.segmentId}`]],
    [
      'PUT segments/:id',
      () => ['PUT', `/v1/segments/${b.segmentId}`, { name: 'hijacked', rules: EVERYONE }],
    ],
    ['DELETE segments/:id', () => ['DELETE', `/v1/segments/${b.segmentId}`]],
    [
      'DELETE segments/:id?confirm=true',
      () => ['DELETE', `/v1/segments/${b.segmentId}?confirm=true`],
    ],
    ['GET segments/:id/users', () => ['GET', `/v1/segments/${b.segmentId}/users`]],
    ['GET segments/:id/count', () => ['GET', `/v1/segments/${b.segmentId}/count`]],
    [
      "GET segments/:id/users/:userId (B's segment, B's user)",
      () => ['GET', `/v1/segments/${b.segmentId}/users/${b.userId}`],
    ],
    [
      "GET segments/:id/users/:userId (B's segment, A's user)",
      () => ['GET', `/v1/segments/${b.segmentId}/users/${a.userId}`],
    ],
    ['GET experiences/:id', () => ['GET', `/v1/experiences/${b.publishedId}`]],
    [
      'PUT experiences/:id',
      () => ['PUT', `/v1/experiences/${b.publishedId}`, { name: 'hijacked' }],
    ],
    ['DELETE experiences/:id (published)', () => ['DELETE', `/v1/experiences/${b.publishedId}`]],
    ['DELETE experiences/:id (draft)', () => ['DELETE', `/v1/experiences/${b.draftId}`]],
    ['POST experiences/:id/publish', () => ['POST', `/v1/experiences/${b.draftId}/publish`]],
    [
      'POST experiences/:id/unpublish',
      () => ['POST', `/v1/experiences/${b.publishedId}/unpublish`],
    ],
    [
      "POST interactions on B's experience",
      () => [
        'POST',
        '/v1/interactions',
        { userId: b.userId, experienceId: b.publishedId, type: 'seen', messageId: 'tenancy-1' },
      ],
    ],
    [
      "POST interactions on B's experience, A's user",
      () => [
        'POST',
        '/v1/interactions',
        { userId: a.userId, experienceId: b.publishedId, type: 'seen', messageId: 'tenancy-2' },
      ],
    ],
    [
      "POST interactions completing B's experience",
      () => [
        'POST',
        '/v1/interactions',
        {
          userId: b.userId,
          experienceId: b.publishedId,
          type: 'answered',
          stepId: 'q1',
          answer: 'Yes',
          messageId: 'tenancy-3',
        },
      ],
    ],
  ];

  it.each(cases)('%s: 404, no data of B', async (_name, request) => {
    const [method, path, body] = request();
    const response = await api<ErrorBody>(method, path, { key: a.ws.secretKey, body });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 404,
      body: expect.objectContaining({ error: expect.any(String), message: expect.any(String) }),
    });
    expect(leaks(response.body, b, `${path} ${JSON.stringify(body ?? null)}`)).toEqual([]);
  });

  it("A's Segment.io secret (or A's keys) on B's webhook path: 401, nothing stored", async () => {
    const delivery = JSON.stringify([
      { type: 'identify', userId: b.userId, messageId: 'tenancy-webhook-1', traits: { plan: 'x' } },
      { type: 'track', userId: 'webhook-from-a', messageId: 'tenancy-webhook-2', event: 'Hijack' },
    ]);
    const path = `/v1/integrations/segment/webhook/${b.ws.id}`;
    const signedByA = createHmac('sha1', a.segmentSecret).update(delivery).digest('hex');
    for (const options of [
      { headers: { 'x-signature': signedByA } },
      { key: a.ws.secretKey },
      { key: a.ws.publicKey, headers: { 'x-signature': signedByA } },
    ]) {
      const response = await api<ErrorBody>('POST', path, { ...options, body: delivery });
      expect({ options, status: response.status }).toEqual({ options, status: 401 });
      expect(leaks(response.body, b, path)).toEqual([]);
    }
  });

  it("interactions with A's public key on B's experience: 404", async () => {
    const response = await api('POST', '/v1/interactions', {
      key: a.ws.publicKey,
      body: { userId: b.userId, experienceId: b.publishedId, type: 'seen', messageId: 'tenancy-4' },
    });
    expect(response.status).toBe(404);
    expect(leaks(response.body, b, `${b.userId} ${b.publishedId}`)).toEqual([]);
  });

  it("GET users/:userId/experiences with A's keys on B's user: none of B's experiences", async () => {
    for (const key of [a.ws.publicKey, a.ws.secretKey]) {
      const response = await api<{ experiences: Array<{ id: string }> }>(
        'GET',
        `/v1/users/${b.userId}/experiences`,
        { key },
      );
      // A user A never saw is simply nobody in A: at most A's own experiences.
      expect([200, 404]).toContain(response.status);
      expect(leaks(response.body, b)).toEqual([]);
      if (response.status === 200) {
        for (const experience of response.body.experiences) {
          expect([a.publishedId, a.draftId]).toContain(experience.id);
        }
      }
    }
  });

  it("A's segment explained for B's user: never B's data", async () => {
    const response = await api<{ member?: boolean }>(
      'GET',
      `/v1/segments/${a.segmentId}/users/${b.userId}`,
      { key: a.ws.secretKey },
    );
    expect(response.status).toBe(404);
    expect(leaks(response.body, b, b.userId)).toEqual([]);
  });

  it("refuses B's segment inside A's rules and audiences", async () => {
    const refersToB = {
      type: 'group',
      operator: 'and',
      conditions: [{ type: 'segment', segmentId: b.segmentId, operator: 'in' }],
    };
    const secret = (body: unknown) => ({ key: a.ws.secretKey, body });
    const attempts = [
      await api('POST', '/v1/segments', secret({ name: 'uses B', rules: refersToB })),
      await api('PUT', `/v1/segments/${a.segmentId}`, secret({ rules: refersToB })),
      await api('POST', '/v1/segments/preview', secret({ rules: refersToB })),
      await api(
        'POST',
        '/v1/experiences',
        secret({
          name: 'targets B',
          type: 'banner',
          steps,
          audience: { mode: 'segments', segmentIds: [b.segmentId] },
        }),
      ),
      await api(
        'PUT',
        `/v1/experiences/${a.draftId}`,
        secret({ audience: { mode: 'segments', segmentIds: [b.segmentId] } }),
      ),
    ];
    for (const response of attempts) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(leaks(response.body, b, b.segmentId)).toEqual([]);
    }
    // A's own data is unchanged by the refused writes.
    const segment = await api<{ version: number }>('GET', `/v1/segments/${a.segmentId}`, {
      key: a.ws.secretKey,
    });
    expect(segment.body.version).toBe(1);
    const segments = await api<{ segments: unknown[] }>('GET', '/v1/segments', {
      key: a.ws.secretKey,
    });
    expect(segments.body.segments).toHaveLength(1);
  });

  it("A's lists never show B's data", async () => {
    for (const path of [
      '/v1/users',
      '/v1/segments',
      '/v1/experiences',
      '/v1/attributes',
      '/v1/events',
      '/v1/integrations',
      '/v1/workspaces/current',
      `/v1/segments/${a.segmentId}/users`,
    ]) {
      const response = await api('GET', path, { key: a.ws.secretKey });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect({ path, leaks: leaks(response.body, b) }).toEqual({ path, leaks: [] });
    }
  });

  it("B's data is unchanged afterwards (read with B's key)", async () => {
    // Any wrongly accepted asynchronous write has landed once the sentinel has.
    await sentinel.settle();
    const after = await snapshot(b);
    expect(after).toEqual(before);
  });
});

describe('key kinds', () => {
  // Every secret-only endpoint (ids are A's own, so only the key kind is wrong).
  const secretOnly = (): Array<[string, string, unknown?]> => [
    ['GET', '/v1/users'],
    ['GET', `/v1/users/${a.userId}`],
    ['POST', `/v1/users/${a.userId}/tags`, { tags: ['x'] }],
    ['DELETE', `/v1/users/${a.userId}/tags`, { tags: ['x'] }],
    ['GET', '/v1/attributes'],
    ['GET', '/v1/events'],
    ['GET', '/v1/segments'],
    ['POST', '/v1/segments', { name: 'by public', rules: EVERYONE }],
    ['POST', '/v1/segments/preview', { rules: EVERYONE }],
    ['GET', `/v1/segments/${a.segmentId}`],
    ['PUT', `/v1/segments/${a.segmentId}`, { name: 'renamed by public' }],
    ['DELETE', `/v1/segments/${a.segmentId}?confirm=true`],
    ['GET', `/v1/segments/${a.segmentId}/users`],
    ['GET', `/v1/segments/${a.segmentId}/count`],
    ['GET', `/v1/segments/${a.segmentId}/users/${a.userId}`],
    ['GET', '/v1/experiences'],
    [
      'POST',
      '/v1/experiences',
      { name: 'by public', type: 'banner', steps, audience: { mode: 'all' } },
    ],
    ['GET', `/v1/experiences/${a.publishedId}`],
    ['PUT', `/v1/experiences/${a.publishedId}`, { name: 'renamed by public' }],
    ['DELETE', `/v1/experiences/${a.draftId}`],
    ['POST', `/v1/experiences/${a.draftId}/publish`],
    ['POST', `/v1/experiences/${a.publishedId}/unpublish`],
    ['GET', '/v1/integrations'],
    ['GET', '/v1/integrations/hubspot'],
    ['PUT', '/v1/integrations/segment', { sharedSecret: 'abcdefghijkl' }],
    ['PUT', '/v1/integrations/hubspot', { accessToken: 'abcdefghijkl' }],
    ['PUT', '/v1/integrations/customerio', { appApiKey: 'abcdefghijkl', region: 'us' }],
    ['DELETE', '/v1/integrations/hubspot'],
    ['POST', '/v1/integrations/hubspot/sync'],
    ['GET', '/v1/integrations/hubspot/runs'],
    ['GET', '/v1/workspaces/current'],
    ['POST', '/v1/workspaces/current/keys/rotate', { kind: 'public' }],
  ];
  const sdk = (): Array<[string, string, unknown?]> => [
    ['POST', '/v1/identify', { userId: 'no-key', traits: { plan: 'x' } }],
    ['POST', '/v1/track', { userId: 'no-key', event: 'clicked' }],
    ['POST', '/v1/page', { userId: 'no-key', name: 'home' }],
    ['POST', '/v1/batch', { batch: [{ type: 'identify', userId: 'no-key' }] }],
    [
      'POST',
      '/v1/interactions',
      { userId: a.userId, experienceId: a.publishedId, type: 'seen', messageId: 'no-key' },
    ],
    ['GET', `/v1/users/${a.userId}/experiences`],
  ];

  let aBefore: Record<string, unknown>;
  beforeAll(async () => {
    aBefore = await snapshot(a);
  });

  it("refuses A's public key on every secret-only endpoint with 403", async () => {
    for (const [method, path, body] of secretOnly()) {
      const response = await api(method, path, { key: a.ws.publicKey, body });
      expect({ method, path, status: response.status, body: response.body }).toEqual({
        method,
        path,
        status: 403,
        body: { error: 'Forbidden', message: expect.any(String) },
      });
    }
  });

  it('refuses the public and the secret key on POST /v1/workspaces with 403', async () => {
    for (const key of [a.ws.publicKey, a.ws.secretKey]) {
      const response = await api('POST', '/v1/workspaces', { key, body: { name: 'x' } });
      expect(response.status).toBe(403);
    }
  });

  it('refuses no key with 401 everywhere', async () => {
    const all: Array<[string, string, unknown?]> = [
      ...secretOnly(),
      ...sdk(),
      ['POST', '/v1/workspaces', { name: 'no key' }],
    ];
    for (const [method, path, body] of all) {
      const response = await api(method, path, { body });
      expect({ method, path, status: response.status, body: response.body }).toEqual({
        method,
        path,
        status: 401,
        body: { error: 'Unauthorized', message: expect.any(String) },
      });
    }
  });

  it('refuses the admin token as a workspace key with 401', async () => {
    for (const [method, path, body] of [...secretOnly(), ...sdk()]) {
      const response = await api(method, path, { key: adminToken(), body });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
    }
  });

  it("A's data and keys are unchanged by the refused calls", async () => {
    await sentinel.settle();
    const after = await snapshot(a);
    // Refused SDK calls must not have created the user "no-key".
    expect(await api('GET', '/v1/users/no-key', { key: a.ws.secretKey })).toMatchObject({
      status: 404,
    });
    expect(after).toEqual(aBefore);
    const current = await api<{ id: string }>('GET', '/v1/workspaces/current', {
      key: a.ws.secretKey,
    });
    expect(current.body.id).toBe(a.ws.id);
  });
});
