// Ingestion through the running system: gateway validation, durable and
// idempotent acceptance, and the built-in attributes applied by the users service.
import { api, createWorkspace, TestWorkspace } from './support/api';
import { waitFor } from '@seg/testing';

interface Profile {
  userId: string;
  name: string | null;
  email: string | null;
  createdAt: string;
  lastActivityAt: string;
  sessions: number;
  tags: string[];
  custom: Record<string, Record<string, unknown>>;
}

const MIN = 60_000;
const at = (base: number, minutes: number) => new Date(base + minutes * MIN).toISOString();

describe('users ingestion', () => {
  let ws: TestWorkspace;

  beforeAll(async () => {
    ws = await createWorkspace('users ingestion');
  });

  /** Waits until the profile satisfies `ready` (the inbox is applied asynchronously). */
  const profileWhen = (userId: string, ready: (profile: Profile) => boolean, key = ws.secretKey) =>
    waitFor(
      async () => {
        const response = await api<Profile>('GET', `/v1/users/${encodeURIComponent(userId)}`, {
          key,
        });
        return response.status === 200 && ready(response.body) ? response.body : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: `profile ${userId}` },
    );

  it('identify sets name, email and sdk custom attributes (nested kept as paths, merged)', async () => {
    const first = await api('POST', '/v1/identify', {
      key: ws.publicKey,
      body: {
        userId: 'u-ident',
        traits: { name: 'Ada', email: 'ada@acme.com', plan: 'pro', company: { size: 12 } },
        context: { ip: '1.2.3.4' },
      },
    });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    await profileWhen('u-ident', (p) => p.email === 'ada@acme.com');

    const second = await api('POST', '/v1/identify', {
      key: ws.publicKey,
      basic: true,
      body: { userId: 'u-ident', traits: { company: { plan: 'enterprise' }, seats: '7' } },
    });
    expect(second.status).toBe(202);
    const profile = await profileWhen('u-ident', (p) => p.custom['sdk']?.['seats'] !== undefined);
    expect(profile).toMatchObject({
      userId: 'u-ident',
      name: 'Ada',
      email: 'ada@acme.com',
      sessions: 1,
      tags: [],
      custom: { sdk: { plan: 'pro', company: { size: 12, plan: 'enterprise' }, seats: '7' } },
    });
  });

  it('track stores a jimo event and counts it in the event catalog', async () => {
    const timestamp = '2026-03-01T10:00:00.000Z';
    for (const messageId of ['t-1', 't-2']) {
      const response = await api('POST', '/v1/track', {
        key: ws.publicKey,
        body: {
          userId: 'u-track',
          event: 'Invited teammate',
          properties: { role: 'admin' },
          timestamp,
          messageId,
        },
      });
      expect(response.status).toBe(202);
    }
    const events = await waitFor(
      async () => {
        const response = await api<Array<{ name: string; count: number }>>('GET', '/v1/events', {
          key: ws.secretKey,
        });
        const found = response.body.find((item) => item.name === 'Invited teammate');
        return found?.count === 2 ? response.body : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'event catalog' },
    );
    expect(events).toContainEqual({
      source: 'jimo',
      name: 'Invited teammate',
      count: 2,
      lastSeenAt: timestamp,
    });
  });

  it('applies a repeated messageId once', async () => {
    const body = { userId: 'u-dup', event: 'Clicked', messageId: 'm-dup', timestamp: at(0, 0) };
    const first = await api('POST', '/v1/track', { key: ws.publicKey, body });
    const again = await api('POST', '/v1/track', { key: ws.publicKey, body });
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ accepted: 1, duplicates: 1 });
    const batch = await api('POST', '/v1/batch', {
      key: ws.publicKey,
      body: { batch: [{ type: 'track', ...body }] },
    });
    expect(batch.body).toMatchObject({ accepted: 1, duplicates: 1 });
    await profileWhen('u-dup', () => true);
    const events = await api<Array<{ name: string; count: number }>>('GET', '/v1/events', {
      key: ws.secretKey,
    });
    expect(events.body.find((item) => item.name === 'Clicked')?.count).toBe(1);
  });

  it('keeps createdAt at the earliest timestamp and lastActivityAt from moving backwards', async () => {
    const base = Date.parse('2026-05-01T12:00:00.000Z');
    const send = (minutes: number) =>
      api('POST', '/v1/page', {
        key: ws.publicKey,
        body: { userId: 'u-times', timestamp: at(base, minutes) },
      });
    expect((await send(0)).status).toBe(202);
    await profileWhen('u-times', () => true);
    await send(10);
    await profileWhen('u-times', (p) => p.lastActivityAt === at(base, 10));
    await send(-120); // late message: earlier than everything seen
    const profile = await profileWhen('u-times', (p) => p.createdAt === at(base, -120));
    expect(profile.lastActivityAt).toBe(at(base, 10));
    expect(profile.sessions).toBe(1);
  });

  it('starts a new session for a call ≥ 30 minutes after the previous activity', async () => {
    const base = Date.parse('2026-06-01T08:00:00.000Z');
    const minutes = [0, 29, 58, 88, 89, 200];
    // 0 → s1; 29 → same; 58 (29 after 29) → same; 88 (30 after 58) → s2; 89 → same; 200 → s3
    const response = await api('POST', '/v1/batch', {
      key: ws.publicKey,
      body: {
        batch: minutes.map((m, i) => ({
          type: i % 2 ? 'track' : 'page',
          event: 'Tick',
          userId: 'u-sessions',
          timestamp: at(base, m),
        })),
      },
    });
    expect(response.status).toBe(202);
    const profile = await profileWhen('u-sessions', (p) => p.lastActivityAt === at(base, 200));
    expect(profile.sessions).toBe(3);
    expect(profile.createdAt).toBe(at(base, 0));

    // A late call (timestamped before the latest activity) never starts a session.
    await api('POST', '/v1/page', {
      key: ws.publicKey,
      body: { userId: 'u-sessions', timestamp: at(base, 150), messageId: 'late-1' },
    });
    await api('POST', '/v1/page', {
      key: ws.publicKey,
      body: { userId: 'u-sessions', timestamp: at(base, 231), messageId: 'next-1' },
    });
    const after = await profileWhen('u-sessions', (p) => p.lastActivityAt === at(base, 231));
    expect(after.sessions).toBe(4);
  });

  it('reports bad messages of a batch per index and applies the good ones', async () => {
    const response = await api<{ accepted: number; rejected: Array<{ index: number }> }>(
      'POST',
      '/v1/batch',
      {
        key: ws.publicKey,
        body: {
          batch: [
            { type: 'identify', userId: 'u-batch-good', traits: { name: 'Good' } },
            { type: 'identify', traits: { name: 'No user' } },
            { type: 'track', userId: 'u-batch-bad' },
            { type: 'screen', userId: 'u-batch-bad' },
            { type: 'identify', userId: 'u-batch-bad', traits: { $set: 1 } },
          ],
          sentAt: new Date().toISOString(),
          context: { library: { name: 'analytics-node' } },
        },
      },
    );
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(1);
    expect(response.body.rejected).toEqual([
      { index: 1, details: [expect.objectContaining({ path: 'body.batch[1].userId' })] },
      { index: 2, details: [expect.objectContaining({ path: 'body.batch[2].event' })] },
      { index: 3, details: [expect.objectContaining({ path: 'body.batch[3].type' })] },
      { index: 4, details: [expect.objectContaining({ path: 'body.batch[4].traits.$set' })] },
    ]);
    await profileWhen('u-batch-good', (p) => p.name === 'Good');
    const bad = await api('GET', '/v1/users/u-batch-bad', { key: ws.secretKey });
    expect(bad.status).toBe(404);
  });

  it.each([
    ['missing userId', '/v1/identify', { traits: {} }, 'body.userId'],
    ['userId of the wrong type', '/v1/identify', { userId: 42 }, 'body.userId'],
    ['traits of the wrong type', '/v1/identify', { userId: 'x', traits: 'a' }, 'body.traits'],
    [
      'email of the wrong type',
      '/v1/identify',
      { userId: 'x', traits: { email: 3 } },
      'body.traits.email',
    ],
    ['a $ key', '/v1/identify', { userId: 'x', traits: { a: { $gt: 1 } } }, 'body.traits.a.$gt'],
    [
      'an empty path segment',
      '/v1/identify',
      { userId: 'x', traits: { 'a..b': 1 } },
      'body.traits.a..b',
    ],
    [
      'a __proto__ key',
      '/v1/identify',
      '{"userId":"x","traits":{"__proto__":{"a":1}}}',
      'body.traits.__proto__',
    ],
    ['a bad timestamp', '/v1/page', { userId: 'x', timestamp: 'yesterday' }, 'body.timestamp'],
    ['a missing event', '/v1/track', { userId: 'x' }, 'body.event'],
    [
      'properties of the wrong type',
      '/v1/track',
      { userId: 'x', event: 'e', properties: [1] },
      'body.properties',
    ],
    ['an empty batch', '/v1/batch', { batch: [] }, 'body.batch'],
  ])('refuses %s with a 400 naming the field', async (_label, path, body, field) => {
    const response = await api<{ error: string; details: Array<{ path: string }> }>('POST', path, {
      key: ws.publicKey,
      body,
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('ValidationError');
    expect(response.body.details.map((detail) => detail.path)).toContain(field);
  });

  it('refuses non-JSON with 400 and oversized batches with 413', async () => {
    const bad = await api('POST', '/v1/track', { key: ws.publicKey, body: '{"userId": "x",' });
    expect(bad.status).toBe(400);
    const tooMany = await api('POST', '/v1/batch', {
      key: ws.publicKey,
      body: { batch: Array.from({ length: 501 }, () => ({ type: 'page', userId: 'big' })) },
    });
    expect(tooMany.status).toBe(413);
    const tooBig = await api('POST', '/v1/batch', {
      key: ws.publicKey,
      body: {
        batch: [{ type: 'identify', userId: 'big', traits: { blob: 'x'.repeat(1_100_000) } }],
      },
    });
    expect(tooBig.status).toBe(413);
    expect((await api('GET', '/v1/users/big', { key: ws.secretKey })).status).toBe(404);
  });

  it('needs a key for ingestion', async () => {
    const response = await api('POST', '/v1/track', { body: { userId: 'x', event: 'e' } });
    expect(response.status).toBe(401);
  });
});
