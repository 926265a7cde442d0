import { OnWorkerEvent } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { queueContracts } from '@seg/contracts';
import { RequestIdWorkerHost } from '@seg/platform';
import type { Job } from 'bullmq';
import { CompiledSegments } from '../membership/compiled-segments';
import { MEMBERSHIP_QUEUE } from './membership-queue';
import { MembershipWriter } from './membership-writer';
import { Recomputation } from './recomputation';

const jobs = queueContracts[MEMBERSHIP_QUEUE];

/**
 * The read model's jobs (worker options from the config: see MembershipWorkerModule):
 * `recompute` (every user of a workspace), `users` (named users changed) and `due` (a user's
 * `nextChangeAt` has come: a relative window flipped by time alone).
 */
@Injectable()
export class MembershipProcessor extends RequestIdWorkerHost {
  private readonly logger = new Logger(MembershipProcessor.name);

  constructor(
    private readonly recomputation: Recomputation,
    private readonly writer: MembershipWriter,
    private readonly compiled: CompiledSegments,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'recompute': {
        const data = jobs.recompute.parse(job.data);
        return this.recomputation.run({
          id: job.id,
          data,
          updateProgress: (p: number | object) => job.updateProgress(p),
        });
      }
      case 'users': {
        const { workspaceId, userIds, dataAt } = jobs.users.parse(job.data);
        return this.evaluate(workspaceId, userIds, dataAt ? new Date(dataAt) : undefined);
      }
      case 'due': {
        const { workspaceId, userId } = jobs.due.parse(job.data);
        // A delayed job can be handed out a moment before its instant (Redis' clock, ms
        // rounding); evaluated early, the user would keep the same nextChangeAt and no new
        // job would be queued for it: wait for the instant itself.
        const early = job.timestamp + (job.opts.delay ?? 0) - Date.now();
        if (early > 0) await new Promise((resolve) => setTimeout(resolve, early + 1));
        return this.evaluate(workspaceId, [userId]);
      }
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  }

  private async evaluate(workspaceId: string, userIds: string[], dataAt?: Date) {
    return this.writer.locked(workspaceId, async () => {
      // The versions are re-read under the lock: never older than a recomputation's page.
      const segments = await this.compiled.current(workspaceId);
      const { evaluated, changedUsers } = await this.writer.evaluateUsers(
        workspaceId,
        userIds,
        segments,
        dataAt,
      );
      return { evaluated, changedUsers };
    });
  }

  /** A recomputation that failed for good (attempts exhausted, or stalled too often). */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || job.name !== 'recompute') return;
    if ((await job.getState()) !== 'failed') return;
    const parsed = jobs.recompute.safeParse(job.data);
    if (!parsed.success) return;
    this.logger.error(
      { workspaceId: parsed.data.workspaceId, jobId: job.id, err: error },
      'Recomputation failed for good',
    );
    await this.recomputation.markFailed(parsed.data.workspaceId, String(job.id));
  }
}
