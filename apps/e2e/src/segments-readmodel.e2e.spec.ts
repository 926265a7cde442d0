// The membership read model through the running system: users ingested over HTTP (the users
// service announces each change), segments created / edited / deleted over HTTP, and the
// answers that come from the read model (count with status, members, sizes in the list, the
// user's segments, history) checked once the segments worker has caught up. A relative
// window flips by time alone: the worker re-evaluates the user at its nextChangeAt.
import { waitFor } from '@seg/testing';
import { api, createWorkspace, type TestWorkspace } from './support/api';

interface Count {
  count: number;
  asOf: string;
  status: 'ready' | 'computing' | 'failed';
  progress?: number;
}
interface Change {
  segmentId: string;
  userId: string;
  change: 'entered' | 'exited';
  at: string;
  segmentVersion: number;
}

let ws: TestWorkspace;
const group = (operator: 'and' | 'or', conditions: unknown[]) => ({
  type: 'group',
  operator,
  conditions,
});
const planIs = (value: string) =>
  group('and', [
    { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'equals', value },
  ]);

async function identify(userId: string, plan: string): Promise<void> {
  const response = await api('POST', '/v1/identify', {
    key: ws.publicKey,
    body: { userId, traits: { name: userId, plan } },
  });
  expect(response.status).toBe(202);
}

async function count(segmentId: string): Promise<Count> {
  const response = await api<Count>('GET', `/v1/segments/${segmentId}/count`, {
    key: ws.secretKey,
  });
  expect(response.status).toBe(200);
  return response.body;
}

/** The count once the read model is ready and says `expected`. */
const readyCount = (segmentId: string, expected: number, timeoutMs = 15_000) =>
  waitFor(
    async () => {
      const answer = await count(segmentId);
      return answer.status === 'ready' && answer.count === expected ? answer : undefined;
    },
    { timeoutMs, intervalMs: 100, what: `ready count ${expected} of ${segmentId}` },
  );

async function members(segmentId: string, limit = 2): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await api<{ users: Array<{ userId: string }>; nextCursor: string | null }>(
      'GET',
      `/v1/segments/${segmentId}/users?${query}`,
      { key: ws.secretKey },
    );
    expect(page.status).toBe(200);
    found.push(...page.body.users.map((user) => user.userId));
    cursor = page.body.nextCursor;
  } while (cursor !== null);
  return found;
}

async function userHistory(userId: string): Promise<Change[]> {
  const response = await api<{ changes: Change[] }>(
    'GET',
    `/v1/users/${userId}/segments/history?limit=100`,
    { key: ws.secretKey },
  );
  expect(response.status).toBe(200);
  return response.body.changes;
}

async function create(name: string, rules: unknown): Promise<string> {
  const created = await api<{ id: string }>('POST', '/v1/segments', {
    key: ws.secretKey,
    body: { name, rules },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

beforeAll(async () => {
  ws = await createWorkspace('segments read model');
  for (const [userId, plan] of [
    ['rm-1', 'pro'],
    ['rm-2', 'free'],
    ['rm-3', 'pro'],
    ['rm-4', 'free'],
  ] as const) {
    await identify(userId, plan);
  }
  await waitFor(
    async () => {
      const response = await api<{ userId: string }>('GET', '/v1/users/rm-4', {
        key: ws.secretKey,
      });
      return response.status === 200 ? response.body : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 100, what: 'profiles' },
  );
});

describe('membership read model', () => {
  it('answers count, members, sizes and the user segments from the read model, and follows user changes', async () => {
    const pro = await create('Read model pro', planIs('pro'));
    const ready = await readyCount(pro, 2);
    expect(Number.isNaN(Date.parse(ready.asOf))).toBe(false);
    expect(ready.progress).toBeUndefined();
    expect(await members(pro)).toEqual(['rm-1', 'rm-3']);

    const list = await api<{ segments: Array<{ id: string; size: number; sizeStatus: string }> }>(
      'GET',
      '/v1/segments',
      { key: ws.secretKey },
    );
    expect(list.body.segments.find((segment) => segment.id === pro)).toMatchObject({
      size: 2,
      sizeStatus: 'ready',
    });

    // A change of one user: the worker re-evaluates that user only.
    await identify('rm-4', 'pro');
    await readyCount(pro, 3);
    expect(await members(pro)).toEqual(['rm-1', 'rm-3', 'rm-4']);
    const profile = await api<{ segments: Array<{ id: string }> }>('GET', '/v1/users/rm-4', {
      key: ws.secretKey,
    });
    expect(profile.body.segments.map((segment) => segment.id)).toEqual([pro]);
    const entered = await userHistory('rm-4');
    expect(entered[0]).toMatchObject({ segmentId: pro, userId: 'rm-4', change: 'entered' });
    expect(entered[0]?.segmentVersion).toBe(1);

    // Leaving it again.
    await identify('rm-4', 'free');
    await readyCount(pro, 2);
    const changes = await userHistory('rm-4');
    expect(changes.map((c) => c.change)).toEqual(['exited', 'entered']);

    const history = await api<{
      sizes: Array<{ day: string; size: number }>;
      changes: Change[];
      nextCursor: string | null;
    }>('GET', `/v1/segments/${pro}/history?limit=1`, { key: ws.secretKey });
    expect(history.status).toBe(200);
    expect(history.body.sizes).toEqual([{ day: new Date().toISOString().slice(0, 10), size: 2 }]);
    expect(history.body.changes).toHaveLength(1);
    expect(history.body.changes[0]).toMatchObject({ userId: 'rm-4', change: 'exited' });
    // Paging to the end: rm-1 and rm-3 entered at creation, rm-4 entered and exited.
    const all: Change[] = [...history.body.changes];
    let cursor = history.body.nextCursor;
    while (cursor) {
      const page = await api<{ changes: Change[]; nextCursor: string | null }>(
        'GET',
        `/v1/segments/${pro}/history?limit=1&cursor=${encodeURIComponent(cursor)}`,
        { key: ws.secretKey },
      );
      all.push(...page.body.changes);
      cursor = page.body.nextCursor;
    }
    expect(all.map((c) => `${c.userId} ${c.change}`).sort()).toEqual([
      'rm-1 entered',
      'rm-3 entered',
      'rm-4 entered',
      'rm-4 exited',
    ]);
  });

  it('recomputes every user when a segment is edited or deleted; counts stay exact meanwhile', async () => {
    const id = await create('Read model edited', planIs('pro'));
    await readyCount(id, 2);
    const edited = await api('PUT', `/v1/segments/${id}`, {
      key: ws.secretKey,
      body: { rules: planIs('free') },
    });
    expect(edited.status).toBe(200);
    // At once: either still computing (evaluated now) or already done; exact either way.
    const meanwhile = await count(id);
    expect(meanwhile.count).toBe(2);
    expect(await members(id)).toEqual(['rm-2', 'rm-4']);
    await readyCount(id, 2);
    expect(await members(id)).toEqual(['rm-2', 'rm-4']);
    const rm1 = await userHistory('rm-1');
    expect(rm1.find((c) => c.segmentId === id && c.change === 'exited')).toMatchObject({
      segmentVersion: 2,
    });
    // The history names each saved version and when (an API key saved them: no account).
    const history = await api<{
      edits: Array<{ version: number; at: string; by?: string }>;
    }>('GET', `/v1/segments/${id}/history?limit=1`, { key: ws.secretKey });
    const segment = await api<{ createdAt: string; updatedAt: string }>(
      'GET',
      `/v1/segments/${id}`,
      { key: ws.secretKey },
    );
    expect(history.body.edits).toEqual([
      { version: 1, at: segment.body.createdAt },
      { version: 2, at: segment.body.updatedAt },
    ]);

    const deleted = await api('DELETE', `/v1/segments/${id}`, { key: ws.secretKey });
    expect(deleted.status).toBe(200);
    await waitFor(
      async () => {
        const changes = await userHistory('rm-2');
        return changes.find((c) => c.segmentId === id && c.change === 'exited');
      },
      { timeoutMs: 15_000, intervalMs: 200, what: 'exit on deletion' },
    );
    const gone = await api('GET', `/v1/segments/${id}/count`, { key: ws.secretKey });
    expect(gone.status).toBe(404);
  });

  it('a relative window flips by time alone: the user is re-evaluated at its nextChangeAt', async () => {
    const now = Date.now();
    const tracked = await api('POST', '/v1/track', {
      key: ws.publicKey,
      body: {
        userId: 'rm-2',
        event: 'Read model ping',
        timestamp: new Date(now - 40_000).toISOString(),
      },
    });
    expect(tracked.status).toBe(202);
    const id = await create(
      'Pinged in the last minute',
      group('and', [
        {
          type: 'event',
          source: 'jimo',
          name: 'Read model ping',
          period: { type: 'last', amount: 1, unit: 'minutes' },
        },
      ]),
    );
    // In while the event is less than a minute old (20 s from now)…
    await readyCount(id, 1, 20_000);
    // … and out once it is older: no new data, only time. The due job shares the worker's
    // queue with the other suites' recomputations, so it may come late on a loaded machine.
    await readyCount(id, 0, 120_000);
    const changes = (await userHistory('rm-2')).filter((c) => c.segmentId === id);
    expect(changes.map((c) => c.change)).toEqual(['exited', 'entered']);
    expect(Date.parse(changes[0]?.at ?? '')).toBeGreaterThanOrEqual(now + 20_000);
  }, 180_000);
});
