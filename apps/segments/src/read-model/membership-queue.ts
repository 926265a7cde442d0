import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { type JobPayload, queueContracts } from '@seg/contracts';
import { jobRequestContext } from '@seg/platform';
import type { Queue } from 'bullmq';
import { createHash } from 'node:crypto';

export const MEMBERSHIP_QUEUE = 'segments.membership';
export type RecomputeJobData = JobPayload<typeof MEMBERSHIP_QUEUE, 'recompute'>;
export type UsersJobData = JobPayload<typeof MEMBERSHIP_QUEUE, 'users'>;
export type DueJobData = JobPayload<typeof MEMBERSHIP_QUEUE, 'due'>;

/** BullMQ job ids may not hold `:`; user ids may hold anything, so they are hashed. */
const digest = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

/** A changed user waits at most this long to share its `users` job with others. */
const USERS_BATCH_WAIT_MS = 20;
/** A `users` job is queued at once when this many users wait (the bus' prefetch). */
const USERS_BATCH_MAX = 32;

interface UsersBatch {
  userIds: Set<string>;
  dataAt: string | undefined;
  timer: NodeJS.Timeout;
  queued: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How many of the earliest delayed jobs `pendingChanges` looks at. */
const PENDING_DELAYED_SCAN = 5_000;

export interface PendingChanges {
  users: { workspaceId: string; userIds: string[]; dataAt: string }[];
  workspaces: { workspaceId: string; dataAt: string }[];
}

/** Producer side of the read model's queue (the segments service and its worker). */
@Injectable()
export class MembershipQueue {
  private readonly batches = new Map<string, UsersBatch>();

  constructor(@InjectQueue(MEMBERSHIP_QUEUE) private readonly queue: Queue) {}

  /**
   * One changed user (`user.updated`), queued together with the users of the same workspace
   * that changed within a few milliseconds: ingestion announces every user of an applied
   * chunk at once, and one job per user would bury a recomputation behind thousands. Resolves
   * once the shared job is queued, so the event is acknowledged only then (nothing is lost if
   * the process dies before). `dataAt` of the job: the newest of its users' (a row written from
   * it is at least as new as each of their changes).
   */
  userChanged(workspaceId: string, userId: string, dataAt?: string): Promise<void> {
    let batch = this.batches.get(workspaceId);
    if (!batch) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const queued = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      batch = {
        userIds: new Set(),
        dataAt: undefined,
        timer: setTimeout(() => this.flush(workspaceId), USERS_BATCH_WAIT_MS),
        queued,
        resolve,
        reject,
      };
      this.batches.set(workspaceId, batch);
    }
    batch.userIds.add(userId);
    if (dataAt && (!batch.dataAt || dataAt > batch.dataAt)) batch.dataAt = dataAt;
    const { queued } = batch;
    if (batch.userIds.size >= USERS_BATCH_MAX) this.flush(workspaceId);
    return queued;
  }

  private flush(workspaceId: string): void {
    const batch = this.batches.get(workspaceId);
    if (!batch) return;
    this.batches.delete(workspaceId);
    clearTimeout(batch.timer);
    this.users(workspaceId, [...batch.userIds], batch.dataAt).then(batch.resolve, batch.reject);
  }

  /**
   * Recompute every user of the workspace after segment `segmentId` reached `version`
   * (0: deleted). One job per segment version: a retried request queues nothing more.
   */
  async recomputeForSegment(
    workspaceId: string,
    segmentId: string,
    version: number,
  ): Promise<void> {
    const data: RecomputeJobData = { workspaceId, reason: segmentId, ...jobRequestContext() };
    await this.queue.add('recompute', data, {
      jobId: `recompute-${workspaceId}-${segmentId}-${version || 'deleted'}`,
    });
  }

  /** Recompute every user of the workspace because its data changed in bulk (a sync). */
  async recomputeWorkspace(workspaceId: string, dataAt?: string): Promise<void> {
    const data: RecomputeJobData = {
      workspaceId,
      reason: 'profiles',
      force: true,
      ...(dataAt ? { dataAt } : {}),
      ...jobRequestContext(),
    };
    // One job per sync page: an id shared with a job already running (or done) would drop
    // this page's changes. Jobs of a workspace run one after the other.
    await this.queue.add('recompute', data, {
      jobId: `recompute-${workspaceId}-profiles-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    });
  }

  /** Re-evaluate these users (they changed; `dataAt`: the `at` of the event that said so). */
  async users(workspaceId: string, userIds: readonly string[], dataAt?: string): Promise<void> {
    for (let i = 0; i < userIds.length; i += 1_000) {
      const data: UsersJobData = {
        workspaceId,
        userIds: userIds.slice(i, i + 1_000),
        ...(dataAt ? { dataAt } : {}),
        ...jobRequestContext(),
      };
      await this.queue.add('users', data);
    }
  }

  /** Re-evaluate the user at `at` (its `nextChangeAt`); one job per user and instant. */
  async scheduleDue(workspaceId: string, userId: string, at: Date): Promise<void> {
    const data: DueJobData = { workspaceId, userId };
    await this.queue.add('due', data, {
      jobId: `due-${digest(workspaceId, userId, String(at.getTime()))}`,
      delay: Math.max(0, at.getTime() - Date.now()),
    });
  }

  /**
   * The changes of users' data not yet written to the read model: `users` jobs and forced
   * `recompute` jobs not finished (targeting's freshness after a start or reconnect).
   */
  async pendingChanges(): Promise<PendingChanges> {
    const jobs = [
      ...(await this.queue.getJobs(['waiting', 'active', 'prioritized', 'waiting-children'])),
      // Delayed: mostly `due` jobs (one per user with a relative window, days ahead); a
      // `users` job retried after a failure waits there for its backoff (seconds), so it is
      // among the earliest.
      ...(await this.queue.getJobs(['delayed'], 0, PENDING_DELAYED_SCAN - 1, true)),
    ];
    const pending: PendingChanges = { users: [], workspaces: [] };
    const contracts = queueContracts[MEMBERSHIP_QUEUE];
    for (const job of jobs) {
      if (!job) continue;
      if (job.name === 'users') {
        const parsed = contracts.users.safeParse(job.data);
        if (parsed.success && parsed.data.dataAt) {
          const { workspaceId, userIds, dataAt } = parsed.data;
          pending.users.push({ workspaceId, userIds, dataAt });
        }
      } else if (job.name === 'recompute') {
        const parsed = contracts.recompute.safeParse(job.data);
        if (parsed.success && parsed.data.dataAt) {
          pending.workspaces.push({
            workspaceId: parsed.data.workspaceId,
            dataAt: parsed.data.dataAt,
          });
        }
      }
    }
    return pending;
  }
}
