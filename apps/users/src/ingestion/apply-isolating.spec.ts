import type { InboxEntry } from '@seg/profile-store';
import { MongoNetworkError } from 'mongodb';
import { Types } from 'mongoose';
import { applyIsolating } from './apply-isolating';

const entries = (count: number): InboxEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    _id: new Types.ObjectId(),
    workspaceId: 'ws_applier0000001',
    messageId: `m-${i}`,
    userId: `u-${i % 7}`,
    type: 'track',
    receivedAt: new Date(),
    payload: '{}',
  }));

/** The use case as the applier sees it: records every call, fails as `fail` says. */
function applying(fail: (batch: InboxEntry[], call: number) => Error | undefined) {
  const calls: number[] = [];
  const applied = new Set<string>();
  const apply = {
    execute: async (_workspaceId: string, batch: InboxEntry[]) => {
      calls.push(batch.length);
      const error = fail(batch, calls.length);
      if (error) throw error;
      for (const entry of batch) applied.add(entry.messageId);
    },
  };
  return { apply, calls, applied };
}

describe('applyIsolating (the inbox applier’s chunk)', () => {
  it('answers a chunk the database could not take as unavailable, whole, with one try', async () => {
    // A FerretDB restart: the chunk's bulk write meets a closed connection.
    const { apply, calls, applied } = applying(
      () => new MongoNetworkError('connection 2 to 127.0.0.1:27017 closed'),
    );
    const chunk = entries(500);
    const outcome = await applyIsolating(apply, 'ws_applier0000001', chunk);
    // Not one try per entry: that took minutes after a restart (the chaos suite's finding).
    expect(calls).toEqual([500]);
    expect(applied.size).toBe(0);
    expect(outcome.unavailable.size).toBe(500);
    expect(outcome.failed.size).toBe(0);
  });

  it('isolates a bad entry by halves, applying every other entry of its chunk', async () => {
    const { apply, calls, applied } = applying((batch) =>
      batch.some((entry) => entry.messageId === 'm-137') ? new Error('bad entry') : undefined,
    );
    const chunk = entries(256);
    const outcome = await applyIsolating(apply, 'ws_applier0000001', chunk);
    expect(applied.size).toBe(255);
    expect(applied.has('m-137')).toBe(false);
    expect(outcome.failed).toEqual(new Set([String(chunk[137]?._id)]));
    // By halves: about two calls per level (log2 256 = 8), not one per entry.
    expect(calls.length).toBeLessThanOrEqual(1 + 2 * 8);
  });

  it('applies a healthy chunk in one call', async () => {
    const { apply, calls, applied } = applying(() => undefined);
    const outcome = await applyIsolating(apply, 'ws_applier0000001', entries(40));
    expect(calls).toEqual([40]);
    expect(applied.size).toBe(40);
    expect(outcome.failed.size + outcome.unavailable.size).toBe(0);
  });
});
