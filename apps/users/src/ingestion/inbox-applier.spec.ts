import type { InboxEntry, InboxRepository } from '@seg/profile-store';
import { MongoNetworkError } from 'mongodb';
import { Types } from 'mongoose';
import { InboxApplier } from './inbox-applier';
import type { ApplyMessagesUseCase } from './usecases/apply-messages/apply-messages.usecase';

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
  const applier = new InboxApplier(
    {} as InboxRepository,
    apply as unknown as ApplyMessagesUseCase,
    { transientBackoffMs: () => 1 },
  );
  return { applier, calls, applied };
}

describe('InboxApplier', () => {
  it('tries a chunk again as a whole when the database was briefly unreachable', async () => {
    // A FerretDB restart: the chunk's bulk write meets a closed connection once.
    const { applier, calls, applied } = applying((_, call) =>
      call === 1 ? new MongoNetworkError('connection 2 to 127.0.0.1:27017 closed') : undefined,
    );
    applier.enqueue(entries(500));
    await applier.idle();
    expect(calls).toEqual([500, 500]);
    expect(applied.size).toBe(500);
  });

  it('isolates a poisoned entry by halves, applying every other entry of its chunk', async () => {
    const { applier, calls, applied } = applying((batch) =>
      batch.some((entry) => entry.messageId === 'm-137') ? new Error('bad entry') : undefined,
    );
    applier.enqueue(entries(256));
    await applier.idle();
    expect(applied.size).toBe(255);
    expect(applied.has('m-137')).toBe(false);
    // By halves: about two calls per level (log2 256 = 8), not one per entry.
    expect(calls.length).toBeLessThanOrEqual(1 + 2 * 8);
  });

  it('leaves a chunk to the sweep when the database stays unreachable', async () => {
    const { applier, calls, applied } = applying(
      () => new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017'),
    );
    applier.enqueue(entries(100));
    await applier.idle();
    expect(applied.size).toBe(0);
    // Every try is of the whole chunk (never one entry at a time while the database is away).
    expect(new Set(calls)).toEqual(new Set([100]));
    expect(calls.length).toBeGreaterThan(1);
  });
});
