// Reads, tags, the attribute catalog and tenancy through the running system.
import { api, createWorkspace, TestWorkspace } from './support/api';
import { waitFor } from '@seg/testing';

interface Page {
  items: Array<{
    userId: string;
    name: string | null;
    email: string | null;
    lastActivityAt: string;
  }>;
  nextCursor: string | null;
}

interface CatalogItem {
  category: string;
  source: string | null;
  key: string;
  type: string;
  sampleValues: unknown[];
  rejectedCount: number;
}

describe('users reads', () => {
  let ws: TestWorkspace;
  let other: TestWorkspace;
  const base = Date.parse('2026-04-01T00:00:00.000Z');

  beforeAll(async () => {
    [ws, other] = await Promise.all([createWorkspace('users reads'), createWorkspace('other')]);
    const batch = Array.from({ length: 7 }, (_, i) => ({
      type: 'identify',
      userId: `reader-${i}`,
      traits: { name: `Reader ${i}`, email: `r${i}@acme.com`, age: 20 + i },
      timestamp: new Date(base + (i % 3) * 60_000).toISOString(),
    }));
    const response = await api('POST', '/v1/batch', { key: ws.secretKey, body: { batch } });
    expect(response.status).toBe(202);
    await waitFor(
      async () => {
        const page = await api<Page>('GET', '/v1/users?limit=100', { key: ws.secretKey });
        return page.body.items?.length === 7;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'seven users' },
    );
  });

  it('pages users newest activity first with an opaque cursor', async () => {
    const seen: Page['items'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await api<Page>('GET', `/v1/users?limit=3${query}`, { key: ws.secretKey });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((item) => item.userId).sort()).toEqual(
      Array.from({ length: 7 }, (_, i) => `reader-${i}`).sort(),
    );
    const times = seen.map((item) => Date.parse(item.lastActivityAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(seen[0]).toEqual({
      userId: expect.any(String),
      name: expect.stringMatching(/^Reader/),
      email: expect.stringMatching(/@acme\.com$/),
      lastActivityAt: new Date(base + 2 * 60_000).toISOString(),
    });
  });

  it('validates limit and cursor', async () => {
    for (const query of ['limit=0', 'limit=1001', 'limit=abc', 'cursor=not-a-cursor']) {
      const response = await api('GET', `/v1/users?${query}`, { key: ws.secretKey });
      expect(response.status).toBe(400);
    }
    const defaults = await api<Page>('GET', '/v1/users', { key: ws.secretKey });
    expect(defaults.body.nextCursor).toBeNull();
  });

  it('returns the whole profile, and 404 for unknown users or another workspace', async () => {
    const response = await api('GET', '/v1/users/reader-1', { key: ws.secretKey });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      userId: 'reader-1',
      name: 'Reader 1',
      custom: { sdk: { age: 21 } },
      experiences: { seen: [], completed: [], answers: [] },
    });
    expect((await api('GET', '/v1/users/nobody', { key: ws.secretKey })).status).toBe(404);
    expect((await api('GET', '/v1/users/reader-1', { key: other.secretKey })).status).toBe(404);
    const otherList = await api<Page>('GET', '/v1/users', { key: other.secretKey });
    expect(otherList.body.items).toEqual([]);
    expect((await api('GET', '/v1/users', { key: ws.publicKey })).status).toBe(403);
  });

  it("lists a user's recent events, newest first, limited; 404 for another workspace", async () => {
    const tracks = ['Opened', 'Exported', 'Shared'].map((event, i) => ({
      type: 'track',
      userId: 'reader-2',
      event,
      properties: { step: i },
      timestamp: new Date(base + (i + 1) * 3_600_000).toISOString(),
    }));
    expect(
      (await api('POST', '/v1/batch', { key: ws.secretKey, body: { batch: tracks } })).status,
    ).toBe(202);
    type Events = { events: Array<{ name: string; source: string; properties: unknown }> };
    const events = await waitFor(
      () => api<Events>('GET', '/v1/users/reader-2/events', { key: ws.secretKey }),
      {
        until: (response) => response.body.events?.length === 3,
        timeoutMs: 10_000,
        what: "reader-2's three events",
      },
    );
    expect(events.body.events.map((event) => event.name)).toEqual(['Shared', 'Exported', 'Opened']);
    expect(events.body.events[0]).toMatchObject({ source: 'jimo', properties: { step: 2 } });
    const limited = await api<Events>('GET', '/v1/users/reader-2/events?limit=1', {
      key: ws.secretKey,
    });
    expect(limited.body.events.map((event) => event.name)).toEqual(['Shared']);
    expect(
      (await api('GET', '/v1/users/reader-2/events?limit=0', { key: ws.secretKey })).status,
    ).toBe(400);
    expect(
      (await api('GET', '/v1/users/reader-2/events?sort=-1', { key: ws.secretKey })).status,
    ).toBe(400);
    expect((await api('GET', '/v1/users/reader-2/events', { key: other.secretKey })).status).toBe(
      404,
    );
    expect((await api('GET', '/v1/users/nobody/events', { key: ws.secretKey })).status).toBe(404);
    expect((await api('GET', '/v1/users/reader-2/events', { key: ws.publicKey })).status).toBe(403);
  });

  it('lists the segments the user is in on the profile', async () => {
    const emailIs = (email: string) => ({
      type: 'group',
      operator: 'and',
      conditions: [{ type: 'attribute', attribute: 'email', operator: 'equals', value: email }],
    });
    const created = async (name: string, email: string) => {
      const response = await api<{ id: string }>('POST', '/v1/segments', {
        key: ws.secretKey,
        body: { name, rules: emailIs(email) },
      });
      expect(response.status).toBe(201);
      return response.body.id;
    };
    const matching = await created('Reader 3 by email', 'r3@acme.com');
    const other = await created('Reader 4 by email', 'r4@acme.com');
    type Profile = { segments?: Array<{ id: string; name: string }>; segmentsError?: string };
    const profile = await waitFor(
      async () => {
        const got = await api<Profile>('GET', '/v1/users/reader-3', { key: ws.secretKey });
        return got.body.segments?.some((segment) => segment.id === matching) ? got : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'reader-3 in its segment' },
    );
    expect(profile.status).toBe(200);
    expect(profile.body.segments).toEqual([{ id: matching, name: 'Reader 3 by email' }]);
    expect(profile.body.segments?.map((segment) => segment.id)).not.toContain(other);
    expect(profile.body.segmentsError).toBeUndefined();
    const elsewhere = await api<Profile>('GET', '/v1/users/reader-5', { key: ws.secretKey });
    expect(elsewhere.body.segments).toEqual([]);
  });

  it('adds and removes tags with the secret key', async () => {
    const added = await api('POST', '/v1/users/reader-2/tags', {
      key: ws.secretKey,
      body: { tags: ['vip', 'beta', 'vip'] },
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ userId: 'reader-2', tags: ['vip', 'beta'] });
    const removed = await api('DELETE', '/v1/users/reader-2/tags', {
      key: ws.secretKey,
      body: { tags: ['vip'] },
    });
    expect(removed.body).toEqual({ userId: 'reader-2', tags: ['beta'] });
    const bad = await api('POST', '/v1/users/reader-2/tags', {
      key: ws.secretKey,
      body: { tags: 'x' },
    });
    expect(bad.status).toBe(400);
    const unknown = await api('POST', '/v1/users/nobody/tags', {
      key: ws.secretKey,
      body: { tags: ['x'] },
    });
    expect(unknown.status).toBe(404);
    const otherWs = await api('POST', '/v1/users/reader-2/tags', {
      key: other.secretKey,
      body: { tags: ['x'] },
    });
    expect(otherWs.status).toBe(404);
    const publicKey = await api('POST', '/v1/users/reader-2/tags', {
      key: ws.publicKey,
      body: { tags: ['x'] },
    });
    expect(publicKey.status).toBe(403);
  });

  it('types the catalog from the first value, normalises later values and counts rejects', async () => {
    const response = await api('POST', '/v1/batch', {
      key: ws.publicKey,
      body: {
        batch: [
          {
            type: 'identify',
            userId: 'cat-1',
            traits: {
              signedUpAt: '2026-01-02T10:00:00Z',
              roles: ['a', 'b'],
              score: 3,
              ok: true,
              day: '2026-01-02',
            },
          },
          {
            type: 'identify',
            userId: 'cat-2',
            traits: { score: '4.5', ok: 'false', signedUpAt: 'not a date', matrix: [[1, 2]] },
          },
        ],
      },
    });
    expect(response.status).toBe(202);
    const catalog = await waitFor(
      async () => {
        const list = await api<CatalogItem[]>('GET', '/v1/attributes', { key: ws.secretKey });
        // Each key's count is its own write: wait for both rejects, not the first one seen.
        const rejected = (key: string) => list.body.find((item) => item.key === key)?.rejectedCount;
        return rejected('signedUpAt') === 1 && rejected('matrix') === 1 ? list.body : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'catalog' },
    );
    const byKey = new Map(catalog.map((item) => [`${item.category}:${item.key}`, item]));
    expect(byKey.get('attribute:lastActivityAt')).toMatchObject({ type: 'date', source: null });
    expect(byKey.get('customAttribute:signedUpAt')).toMatchObject({ source: 'sdk', type: 'date' });
    expect(byKey.get('customAttribute:roles')).toMatchObject({
      type: 'list',
      sampleValues: ['a', 'b'],
    });
    expect(byKey.get('customAttribute:day')).toMatchObject({ type: 'string' });
    expect(byKey.get('customAttribute:score')).toMatchObject({ type: 'number' });
    expect(byKey.get('customAttribute:score')?.sampleValues).toEqual(
      expect.arrayContaining([3, 4.5]),
    );
    expect(byKey.get('customAttribute:age')).toMatchObject({ type: 'number' });
    expect(byKey.get('customAttribute:matrix')).toMatchObject({ type: 'list', rejectedCount: 1 });

    const profile = await waitFor(
      async () => {
        const got = await api<{ custom: { sdk: Record<string, unknown> } }>(
          'GET',
          '/v1/users/cat-2',
          {
            key: ws.secretKey,
          },
        );
        return got.status === 200 ? got.body : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'cat-2' },
    );
    expect(profile.custom.sdk).toEqual({ score: 4.5, ok: false });
    const first = await api<{ custom: { sdk: Record<string, unknown> } }>(
      'GET',
      '/v1/users/cat-1',
      {
        key: ws.secretKey,
      },
    );
    expect(first.body.custom.sdk).toMatchObject({
      signedUpAt: '2026-01-02T10:00:00.000Z',
      roles: ['a', 'b'],
    });
  });
});
