import { testConfig } from '@seg/testing';
import type { InboxEntry } from '@seg/profile-store';
import { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { compareStreamIds, InboxPartitions, partitionOf } from './inbox-partitions';

// The partitions' Redis side on the real Redis: leases with fencing tokens, positions
// only the current holder moves, streams in arrival order, appends done once.
describe('InboxPartitions (Redis)', () => {
  const config = testConfig();
  const a = new InboxPartitions(config);
  const b = new InboxPartitions(config);
  const workspaceId = 'ws_partitions1';

  const entry = (userId: string, messageId: string): InboxEntry => ({
    _id: new Types.ObjectId(),
    workspaceId,
    messageId,
    userId,
    type: 'track',
    receivedAt: new Date(),
    payload: JSON.stringify({ messageId }),
  });

  afterAll(async () => {
    const redis = new Redis(config.REDIS_URL);
    const keys = await redis.keys(`${config.BUS_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await a.close();
    await b.close();
  });

  it('leases a partition to one holder at a time; a stale holder cannot move its position', async () => {
    const first = await a.acquire(3, 300);
    expect(first).toMatch(/#1$/);
    expect(await b.acquire(3, 300)).toBeNull();
    expect(await a.commit(3, first as string, '5-0')).toBe(true);
    expect(await a.renew(3, first as string, 300)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 450));
    const second = await b.acquire(3, 10_000);
    expect(second).toMatch(/#2$/);
    // The first holder (paused past its lease) is fenced off.
    expect(await a.commit(3, first as string, '9-0')).toBe(false);
    expect(await a.renew(3, first as string, 300)).toBe(false);
    await a.release(3, first as string);
    expect(await a.appliedPosition(3)).toBe('5-0');
    expect(await b.commit(3, second as string, '7-0')).toBe(true);
    expect(await b.appliedPosition(3)).toBe('7-0');
    await b.release(3, second as string);
    expect(await a.acquire(3, 300)).toMatch(/#3$/);
  });

  it('reads a partition in arrival order from its position, and appends an entry again only once', async () => {
    const user = 'u_stream';
    const partition = partitionOf(workspaceId, user);
    const holder = (await a.acquire(partition, 10_000)) as string;
    const entries = ['m1', 'm2', 'm3'].map((id) => entry(user, id));
    await a.publish(entries.slice(0, 2));
    await b.publish(entries.slice(2));
    const read = await a.read(new Map([[partition, '0-0']]), 10, 100);
    expect(read.map((item) => item.entry.messageId)).toEqual(['m1', 'm2', 'm3']);
    expect(read.every((item) => item.partition === partition)).toBe(true);
    expect(read[0]?.entry._id.equals(entries[0]?._id as Types.ObjectId)).toBe(true);
    expect(read[0]?.entry.receivedAt).toEqual(entries[0]?.receivedAt);

    const first = read[0]?.id as string;
    expect(await a.commit(partition, holder, first)).toBe(true);
    expect(await a.pendingEntryIds(partition)).toEqual(
      new Set(entries.slice(1).map((e) => String(e._id))),
    );
    const again = await a.read(new Map([[partition, first]]), 10, 100);
    expect(again.map((item) => item.entry.messageId)).toEqual(['m2', 'm3']);

    const late = entry(user, 'm4');
    expect(await a.publishOnce([late], 60_000)).toBe(1);
    expect(await b.publishOnce([late], 60_000)).toBe(0);
    const newest = await a.newestIds();
    const tail = await a.read(new Map([[partition, again[1]?.id as string]]), 10, 100);
    expect(tail.map((item) => item.entry.messageId)).toEqual(['m4']);
    expect(compareStreamIds(newest[partition] as string, tail[0]?.id as string)).toBe(0);
  });

  it('names the live instances', async () => {
    const members = await a.heartbeat(5_000);
    expect(members).toContain(a.instanceId);
    expect(await b.heartbeat(5_000)).toEqual([a.instanceId, b.instanceId].sort());
    await a.leave();
    expect(await b.heartbeat(5_000)).toEqual([b.instanceId]);
  });
});
