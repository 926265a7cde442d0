// The Segment.io webhook refuses what is not signed with this workspace's current shared
// secret, and bodies over the limit; a refused delivery leaves no trace. "No trace" is read
// after a valid delivery sent later (the sentinel) has been applied: had the refused one
// been taken, it would have been stored at once and applied by then.
import { createHmac } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { api, createWorkspace, TestWorkspace } from './support/api';
import { waitFor } from '@seg/testing';

const sign = (secret: string, body: string) =>
  createHmac('sha1', secret).update(body).digest('hex');

interface EventItem {
  source: string;
  name: string;
}

describe('Segment.io webhook: refused deliveries', () => {
  let own: TestWorkspace;
  let other: TestWorkspace;
  let ownSecret = 'segment-webhook-own-secret-1';
  const otherSecret = 'segment-webhook-other-secret';
  let mongo: MongoClient;

  const webhookPath = (workspace: TestWorkspace) =>
    `/v1/integrations/segment/webhook/${workspace.id}`;
  const post = (workspace: TestWorkspace, body: string, signature?: string) =>
    api('POST', webhookPath(workspace), {
      body,
      headers: signature === undefined ? {} : { 'x-signature': signature },
    });
  /** One track call whose event name and user id are its messageId: each easy to look for. */
  const trackBody = (messageId: string, padding = '') =>
    JSON.stringify([
      {
        type: 'track',
        userId: `user-${messageId}`,
        messageId,
        event: `Event ${messageId}`,
        timestamp: '2026-05-01T10:00:00.000Z',
        properties: padding ? { padding } : {},
      },
    ]);
  const segmentEvents = async (workspace: TestWorkspace) =>
    (await api<EventItem[]>('GET', '/v1/events', { key: workspace.secretKey })).body.filter(
      (item) => item.source === 'segment',
    );
  const connect = async (workspace: TestWorkspace, sharedSecret: string) => {
    const put = await api('PUT', '/v1/integrations/segment', {
      key: workspace.secretKey,
      body: { sharedSecret },
    });
    expect(put.status).toBe(200);
  };

  /** A valid delivery to `own`, sent after the refused ones and waited for until applied. */
  async function sendSentinel(messageId: string): Promise<void> {
    const body = trackBody(messageId);
    const delivered = await post(own, body, sign(ownSecret, body));
    expect(delivered).toMatchObject({ status: 200, body: { accepted: 1, duplicates: 0 } });
    await waitFor(
      async () => (await segmentEvents(own)).some((item) => item.name === `Event ${messageId}`),
      { timeoutMs: 15_000, what: `the sentinel ${messageId} applied` },
    );
  }

  /** Nothing of the refused delivery anywhere: not stored, no event, no profile, in either workspace. */
  async function expectNoTrace(messageId: string): Promise<void> {
    const stored = await mongo
      .db(process.env['E2E_MONGODB_DB'])
      .collection('integration_segment_deliveries')
      .countDocuments({ messageId });
    expect(stored).toBe(0);
    for (const workspace of [own, other]) {
      expect((await segmentEvents(workspace)).map((item) => item.name)).not.toContain(
        `Event ${messageId}`,
      );
      const profile = await api('GET', `/v1/users/user-${messageId}`, {
        key: workspace.secretKey,
      });
      expect(profile.status).toBe(404);
    }
  }

  beforeAll(async () => {
    mongo = await MongoClient.connect(process.env['E2E_MONGODB_URI'] as string);
    [own, other] = await Promise.all([
      createWorkspace('segment webhook own'),
      createWorkspace('segment webhook other'),
    ]);
    await connect(own, ownSecret);
    await connect(other, otherSecret);
  });

  afterAll(async () => {
    await mongo?.close();
  });

  it("refuses another workspace's secret on this workspace's path (401)", async () => {
    const body = trackBody('cross-ws-1');
    const refused = await post(own, body, sign(otherSecret, body));
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: 'Unauthorized', message: expect.any(String) });
    // The same signature is good on the path it belongs to: what is refused is the pairing.
    const elsewhere = trackBody('cross-ws-ok');
    expect((await post(other, elsewhere, sign(otherSecret, elsewhere))).status).toBe(200);

    await sendSentinel('cross-ws-sentinel');
    await expectNoTrace('cross-ws-1');
  });

  it('refuses a delivery to a workspace with no Segment connection (401)', async () => {
    const unconnected = await createWorkspace('segment webhook unconnected');
    const body = trackBody('unconnected-1');
    const refused = await post(unconnected, body, sign(ownSecret, body));
    expect(refused.status).toBe(401);

    await sendSentinel('unconnected-sentinel');
    await expectNoTrace('unconnected-1');
  });

  it('refuses a missing or malformed signature (401)', async () => {
    // [messageId, the X-Signature sent for that body]
    const cases: Array<[string, (body: string) => string | undefined]> = [
      ['no-signature', () => undefined],
      ['empty-signature', () => ''],
      ['not-hex', () => 'not-a-signature'],
      ['prefixed', (body) => `sha1=${sign(ownSecret, body)}`],
      ['too-short', (body) => sign(ownSecret, body).slice(0, 39)],
      ['other-body', () => sign(ownSecret, trackBody('something-else'))],
    ];
    for (const [messageId, signatureFor] of cases) {
      const body = trackBody(messageId);
      const refused = await post(own, body, signatureFor(body));
      expect({ messageId, status: refused.status }).toEqual({ messageId, status: 401 });
      expect(refused.body).toEqual({ error: 'Unauthorized', message: expect.any(String) });
    }

    await sendSentinel('malformed-sentinel');
    for (const [messageId] of cases) await expectNoTrace(messageId);
  });

  it('refuses a signed body over the limit (413)', async () => {
    const body = trackBody('too-large-1', 'x'.repeat(1024 * 1024 + 10));
    const refused = await post(own, body, sign(ownSecret, body));
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual({ error: 'PayloadTooLarge', message: expect.any(String) });

    await sendSentinel('too-large-sentinel');
    await expectNoTrace('too-large-1');
  });

  it('refuses the old secret once the secret is changed (401), accepts the new one', async () => {
    const oldSecret = ownSecret;
    ownSecret = 'segment-webhook-own-secret-2';
    await connect(own, ownSecret);
    const body = trackBody('old-secret-1');
    const refused = await post(own, body, sign(oldSecret, body));
    expect(refused.status).toBe(401);

    await sendSentinel('new-secret-sentinel'); // signed with the new secret
    await expectNoTrace('old-secret-1');
  });
});
