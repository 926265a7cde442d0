// Proving that something did NOT happen without sleeping: a test makes its refused calls,
// then sends a sentinel through the same asynchronous paths (the ingestion inbox, the
// interactions bus event and the Segment.io webhook) and waits until it is applied. Both paths apply in
// arrival order today (one drain loop per users-service process, one consumer queue), so
// anything wrongly accepted before the sentinel has landed by then. The sentinel lives in
// a workspace of its own, so it changes nothing a test compares.
import { createHmac, randomUUID } from 'node:crypto';
import { waitFor } from '@seg/testing';
import { api, createWorkspace } from './api';

export interface Sentinel {
  /** Resolves once a message sent now through every asynchronous path has been applied. */
  settle(): Promise<void>;
}

export async function createSentinel(label: string): Promise<Sentinel> {
  const ws = await createWorkspace(`sentinel for ${label}`);
  const created = await api<{ id: string }>('POST', '/v1/experiences', {
    key: ws.secretKey,
    body: {
      name: 'sentinel',
      type: 'banner',
      steps: [{ id: 's1', kind: 'message' }],
      audience: { mode: 'all' },
    },
  });
  if (created.status !== 201) throw new Error(`sentinel experience: ${created.status}`);
  const experienceId = created.body.id;
  const sharedSecret = `sentinel-${randomUUID()}`;
  const connected = await api('PUT', '/v1/integrations/segment', {
    key: ws.secretKey,
    body: { sharedSecret },
  });
  if (connected.status !== 200) throw new Error(`sentinel Segment.io: ${connected.status}`);
  const accepted = async (path: string, body: unknown) => {
    const response = await api('POST', path, { key: ws.publicKey, body });
    if (response.status >= 300) {
      throw new Error(`sentinel ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  };
  return {
    async settle() {
      const userId = `sentinel-${randomUUID()}`;
      await accepted('/v1/track', { userId, event: 'Sentinel', messageId: randomUUID() });
      await accepted('/v1/interactions', {
        userId,
        experienceId,
        type: 'seen',
        messageId: randomUUID(),
      });
      const delivery = JSON.stringify([
        { type: 'identify', userId, messageId: randomUUID(), traits: { sentinelMark: userId } },
      ]);
      const delivered = await api('POST', `/v1/integrations/segment/webhook/${ws.id}`, {
        body: delivery,
        headers: { 'x-signature': createHmac('sha1', sharedSecret).update(delivery).digest('hex') },
      });
      if (delivered.status !== 200) throw new Error(`sentinel webhook: ${delivered.status}`);
      await waitFor(
        async () => {
          const profile = await api<{ experiences?: { seen: string[] }; custom?: unknown }>(
            'GET',
            `/v1/users/${userId}`,
            { key: ws.secretKey },
          );
          return (
            profile.status === 200 &&
            profile.body.experiences?.seen.includes(experienceId) &&
            JSON.stringify(profile.body.custom).includes(userId)
          );
        },
        { timeoutMs: 15_000, intervalMs: 50, what: `the sentinel ${userId} applied` },
      );
    },
  };
}
