import { Injectable } from '@nestjs/common';

/**
 * One lane per user in this process: a task names the users it writes and starts once
 * every earlier task naming any of them has ended, so one user's changes are written one
 * after the other, in the order the tasks were queued, and different users in parallel.
 * A task's keys are claimed all at once when it is queued (no lock order, no deadlock).
 *
 * Every profile write of the users service goes through a lane (inbox chunks, sync pages,
 * kept records, interactions, tags): FerretDB rewrites the whole document it read, so two
 * writers of one profile at once could lose a change.
 */
@Injectable()
export class UserLanes {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(workspaceId: string, userIds: Iterable<string>, task: () => Promise<T>): Promise<T> {
    const keys = [...new Set([...userIds].map((userId) => `${workspaceId}\u0000${userId}`))];
    const earlier = new Set<Promise<void>>();
    for (const key of keys) {
      const tail = this.tails.get(key);
      if (tail) earlier.add(tail);
    }
    const result = Promise.all(earlier).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of keys) this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      for (const key of keys) if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Users with a task queued or running (for tests and shutdown). */
  get busy(): number {
    return this.tails.size;
  }
}
