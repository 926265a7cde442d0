// Segment.io deliveries applied end to end: gateway webhook → integrations (stored,
// queued) → integrations worker → users service (`users.messages.accept` with source
// `segment`, `users.user.erase`) → profile, events and catalogs read back over HTTP.
import { createHmac } from 'node:crypto';
import { waitFor } from '@seg/testing';
import { api, createWorkspace, TestWorkspace } from './support/api';

const applied = (what: string) => ({ what, timeoutMs: 15_000, intervalMs: 100 });

interface Profile {
  userId: string;
  lastActivityAt: string;
  sessions: number;
  custom: Record<string, Record<string, unknown>>;
}
interface EventItem {
  source: string;
  name: string;
  count: number;
  lastSeenAt: string;
}

describe('Segment.io deliveries applied', () => {
  const secret = 'segment-e2e-shared-secret';
  let workspace: TestWorkspace;
  let path: string;

  const deliver = (messages: unknown[]) => {
    const body = JSON.stringify(messages);
    const signature = createHmac('sha1', secret).update(body).digest('hex');
    return api<{ accepted: number; duplicates: number }>('POST', path, {
      body,
      headers: { 'x-signature': signature },
    });
  };
  const profile = (userId: string) =>
    api<Profile>('GET', `/v1/users/${encodeURIComponent(userId)}`, { key: workspace.secretKey });
  const events = async () =>
    (await api<EventItem[]>('GET', '/v1/events', { key: workspace.secretKey })).body;
  const segmentEvent = async (name: string) =>
    (await events()).find((item) => item.source === 'segment' && item.name === name);

  beforeAll(async () => {
    workspace = await createWorkspace('segment e2e');
    const put = await api('PUT', '/v1/integrations/segment', {
      key: workspace.secretKey,
      body: { sharedSecret: secret },
    });
    expect(put.status).toBe(200);
    path = `/v1/integrations/segment/webhook/${workspace.id}`;
  });

  it('applies identify as segment custom attributes, track as a segment event, page as activity', async () => {
    const delivered = await deliver([
      {
        type: 'identify',
        userId: 'seg-u1',
        messageId: 'seg-m1',
        timestamp: '2026-04-01T10:00:00.000Z',
        traits: { plan: 'pro', company: { seats: 12 } },
      },
      {
        type: 'track',
        userId: 'seg-u1',
        messageId: 'seg-m2',
        timestamp: '2026-04-01T10:01:00.000Z',
        event: 'Report Exported',
        properties: { format: 'csv' },
      },
      {
        type: 'page',
        userId: 'seg-u1',
        messageId: 'seg-m3',
        timestamp: '2026-04-01T11:00:00.000Z',
        name: 'Pricing',
        properties: {},
      },
    ]);
    expect(delivered).toMatchObject({ status: 200, body: { accepted: 3, duplicates: 0 } });

    const user = await waitFor(async () => {
      const response = await profile('seg-u1');
      const user = response.body;
      return response.status === 200 &&
        user.custom['segment']?.['plan'] === 'pro' &&
        user.lastActivityAt === '2026-04-01T11:00:00.000Z'
        ? user
        : undefined;
    }, applied('the identify and page'));
    expect(user.custom['segment']).toEqual({ plan: 'pro', company: { seats: 12 } });
    expect(user.custom['sdk']).toBeUndefined();
    // The page came ≥ 30 minutes after the track: a second session.
    expect(user.sessions).toBe(2);

    const event = await waitFor(
      () => segmentEvent('Report Exported'),
      applied('the segment event'),
    );
    expect(event).toEqual({
      source: 'segment',
      name: 'Report Exported',
      count: 1,
      lastSeenAt: '2026-04-01T10:01:00.000Z',
    });
    expect((await events()).some((item) => item.source === 'jimo')).toBe(false);

    const attributes = await api<Array<{ source: string | null; key: string; type: string }>>(
      'GET',
      '/v1/attributes',
      { key: workspace.secretKey },
    );
    expect(attributes.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'segment', key: 'plan', type: 'string' }),
        expect.objectContaining({ source: 'segment', key: 'company.seats', type: 'number' }),
      ]),
    );
  });

  it('applies a duplicate delivery once', async () => {
    const track = {
      type: 'track',
      userId: 'seg-u2',
      messageId: 'seg-dup-1',
      timestamp: '2026-04-02T10:00:00.000Z',
      event: 'Invoice Paid',
      properties: {},
    };
    expect((await deliver([track])).body).toEqual({ accepted: 1, duplicates: 0 });
    expect((await deliver([track])).body).toEqual({ accepted: 1, duplicates: 1 });
    // A later, different message (the sentinel): deliveries are applied in order (one
    // worker), so once it is applied the duplicate had its chance to be applied too.
    expect(
      (await deliver([{ ...track, messageId: 'seg-dup-2', event: 'Invoice Sentinel' }])).body,
    ).toEqual({ accepted: 1, duplicates: 0 });
    await waitFor(() => segmentEvent('Invoice Sentinel'), applied('the sentinel event'));
    expect((await segmentEvent('Invoice Paid'))?.count).toBe(1);
  });

  it('erases the user on a delete (after an identify of the same delivery): 404', async () => {
    await deliver([
      {
        type: 'identify',
        userId: 'seg-u3',
        messageId: 'seg-del-1',
        timestamp: '2026-04-03T10:00:00.000Z',
        traits: { plan: 'free' },
      },
    ]);
    await waitFor(
      async () => (await profile('seg-u3')).status === 200,
      applied('the profile of seg-u3'),
    );

    // An identify and the delete in one delivery: the delete comes after it and wins.
    const delivered = await deliver([
      {
        type: 'identify',
        userId: 'seg-u3',
        messageId: 'seg-del-2',
        traits: { plan: 'pro' },
      },
      { type: 'delete', userId: 'seg-u3', messageId: 'seg-del-3' },
    ]);
    expect(delivered.status).toBe(200);
    await waitFor(async () => (await profile('seg-u3')).status === 404, applied('seg-u3 erased'));
    // The sentinel, delivered after: once applied, a late identify of seg-u3 would be too.
    await deliver([{ type: 'identify', userId: 'seg-u3-sentinel', messageId: 'seg-del-4' }]);
    await waitFor(
      async () => (await profile('seg-u3-sentinel')).status === 200,
      applied('the sentinel identify'),
    );
    expect((await profile('seg-u3')).status).toBe(404);
    // Another user is untouched.
    expect((await profile('seg-u1')).status).toBe(200);
  });
});
