import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobPayload, SyncProvider } from '@seg/contracts';
import { jobRequestContext } from '@seg/platform';
import type { Queue } from 'bullmq';

export const SYNC_QUEUE = 'integrations.sync';
export type SyncJobData = JobPayload<typeof SYNC_QUEUE, 'run'>;

/** Producer side of the sync queue: on-demand runs and per-connection schedules. */
@Injectable()
export class SyncQueue {
  constructor(@InjectQueue(SYNC_QUEUE) private readonly queue: Queue<SyncJobData>) {}

  /** The job id is the run id: adding the same run twice queues it once. */
  async enqueueRun(workspaceId: string, provider: SyncProvider, runId: string): Promise<void> {
    await this.queue.add(
      'run',
      { workspaceId, provider, runId, ...jobRequestContext() },
      { jobId: runId },
    );
  }

  async schedule(workspaceId: string, provider: SyncProvider, everyMinutes: number) {
    await this.queue.upsertJobScheduler(
      schedulerId(workspaceId, provider),
      // First scheduled run one interval from now (POST …/sync runs one at once).
      { every: everyMinutes * 60_000, startDate: Date.now() + everyMinutes * 60_000 },
      { name: 'run', data: { workspaceId, provider } },
    );
  }

  async unschedule(workspaceId: string, provider: SyncProvider): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(workspaceId, provider));
  }

  async scheduleOf(workspaceId: string, provider: SyncProvider) {
    return this.queue.getJobScheduler(schedulerId(workspaceId, provider));
  }
}

function schedulerId(workspaceId: string, provider: SyncProvider): string {
  return `sync-${workspaceId}-${provider}`;
}
