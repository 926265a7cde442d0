import type { Queue } from 'bullmq';
import { MembershipQueue } from './membership-queue';

/** The BullMQ queue as the producer sees it: records each job added, fails when told. */
function recordingQueue(fail = false) {
  const added: {
    name: string;
    data: { workspaceId: string; userIds: string[]; dataAt?: string };
  }[] = [];
  const queue = {
    add: async (name: string, data: (typeof added)[number]['data']) => {
      if (fail) throw new Error('Redis is away');
      added.push({ name, data });
    },
  };
  return { added, membership: new MembershipQueue(queue as unknown as Queue) };
}

describe('MembershipQueue.userChanged', () => {
  it('queues the users of a workspace that changed together as few jobs, each resolved once queued', async () => {
    const { added, membership } = recordingQueue();
    const at = (i: number) => new Date(Date.UTC(2026, 11, 1, 10, 0, i)).toISOString();
    const changes = Array.from({ length: 40 }, (_, i) =>
      membership.userChanged('ws_a', `u${i}`, at(i)),
    );
    const other = membership.userChanged('ws_b', 'u0', at(0));
    await Promise.all([...changes, other]);
    const jobsOfA = added.filter((job) => job.data.workspaceId === 'ws_a');
    // 32 at once (the bus' prefetch), the 8 others after the short wait: 2 jobs, not 40.
    expect(jobsOfA.map((job) => job.data.userIds.length)).toEqual([32, 8]);
    expect(new Set(jobsOfA.flatMap((job) => job.data.userIds)).size).toBe(40);
    // Each job is as new as the newest change it carries.
    expect(jobsOfA.map((job) => job.data.dataAt)).toEqual([at(31), at(39)]);
    expect(added.filter((job) => job.data.workspaceId === 'ws_b')).toEqual([
      { name: 'users', data: expect.objectContaining({ userIds: ['u0'], dataAt: at(0) }) },
    ]);
  });

  it('fails every change of a batch whose job could not be queued (the events are redelivered)', async () => {
    const { membership } = recordingQueue(true);
    const results = await Promise.allSettled([
      membership.userChanged('ws_a', 'u1'),
      membership.userChanged('ws_a', 'u2'),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
