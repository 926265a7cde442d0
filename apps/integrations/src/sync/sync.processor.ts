import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { queueContracts, SyncJobPayload } from '@seg/contracts';
import { RequestIdWorkerHost } from '@seg/platform';
import { DelayedError, Job } from 'bullmq';
import { ConnectionRepository } from '../connections/connection.repository';
import { SYNC_QUEUE } from '../jobs/sync-queue';
import { newRunId, RunRepository } from '../runs/run.repository';
import { RunSyncResult, RunSyncUseCase } from './usecases/run-sync/run-sync.usecase';

/**
 * Sync jobs: validates the payload again, turns a scheduled job into a run (or
 * skips it while another run is active) and calls the use case. On shutdown the
 * current run stops at a page boundary and is put back, resuming from its checkpoint.
 */
// Worker options (concurrency, lock duration) come from the config: worker.module.ts.
@Processor(SYNC_QUEUE)
export class SyncProcessor extends RequestIdWorkerHost {
  private readonly logger = new Logger(SyncProcessor.name);
  private stopping = false;

  constructor(
    private readonly runSync: RunSyncUseCase,
    private readonly connections: ConnectionRepository,
    private readonly runs: RunRepository,
  ) {
    super();
  }

  async process(job: Job, token?: string): Promise<RunSyncResult> {
    const payload = queueContracts[SYNC_QUEUE].run.parse(job.data);
    const runId = payload.runId ?? (await this.startScheduledRun(job, payload));
    if (!runId) return { status: 'skipped', reason: 'another run is active' };
    const result = await this.runSync.execute({
      workspaceId: payload.workspaceId,
      provider: payload.provider,
      runId,
      lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      shouldStop: () => this.stopping,
    });
    if (result.status === 'interrupted' && token) {
      // Back to the queue without using an attempt; another worker resumes it.
      await this.runs.putBack(payload.workspaceId, runId);
      await job.moveToDelayed(Date.now() + 1_000, token);
      throw new DelayedError();
    }
    return result;
  }

  /** A scheduled job claims the connection like a manual request, then runs inline. */
  private async startScheduledRun(job: Job, payload: SyncJobPayload): Promise<string | null> {
    const { workspaceId, provider } = payload;
    const connection = await this.connections.get(workspaceId, provider);
    if (!connection) return null;
    const runId = newRunId();
    if (!(await this.connections.claimActiveRun(workspaceId, provider, runId))) return null;
    await this.runs.insertQueued(workspaceId, { runId, provider, trigger: 'schedule' });
    // A retry of this job continues this run instead of claiming another one.
    await job.updateData({ ...payload, runId });
    return runId;
  }

  /** A job that failed for good outside process() (stalled too often): its run too. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const parsed = queueContracts[SYNC_QUEUE].run.safeParse(job.data);
    if (!parsed.success || !parsed.data.runId) return;
    if ((await job.getState()) !== 'failed') return;
    const { workspaceId, provider, runId } = parsed.data;
    const run = await this.runs.get(workspaceId, runId);
    if (run && (run.status === 'queued' || run.status === 'running')) {
      this.logger.error({ workspaceId, provider, runId, err: error }, 'Sync job failed for good');
      await this.runSync.fail(workspaceId, provider, runId, error.message);
    }
  }

  /** BullMQ's close (at shutdown) waits for the current job: it stops at a page boundary. */
  @OnWorkerEvent('closing')
  onClosing(): void {
    this.stopping = true;
  }
}
