import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RunStats, SyncJobPayload } from '@seg/contracts';
import { Queue, QueueEvents, UnrecoverableError } from 'bullmq';
import { ConnectionRepository } from '../../../connections/connection.repository';
import { connectionId } from '../../../connections/connection.schema';
import { SecretBox } from '../../../crypto/secret-box';
import { RunRepository } from '../../../runs/run.repository';
import { emptyStats } from '../../../runs/run.schema';
import { PagePipeline } from '../../page-pipeline';
import { PageSender } from '../../page-sender';
import { SYNC_PAGES_EVENTS, SYNC_PAGES_QUEUE } from '../../sync-pages';
import { ProviderRegistry } from '../../provider-registry';
import { RequestLimiter } from '../../request-limiter';
import { SyncError } from '../../sync-errors';
import { SyncInterrupted } from '../../sync-provider';

/** A sync job's payload with its run claimed, and how the worker runs it. */
export type RunSyncCommand = Required<SyncJobPayload> & {
  /** True on the job's last attempt: a retryable failure then fails the run. */
  lastAttempt: boolean;
  shouldStop: () => boolean;
};

export type RunSyncResult =
  | { status: 'succeeded'; stats: RunStats }
  | { status: 'skipped'; reason: string }
  | { status: 'interrupted' };

/**
 * Runs one sync: resumes from the run's checkpoint, writes page by page, and
 * records the outcome. Unrecoverable vendor errors fail the run at once; others
 * are retried by BullMQ (exponential backoff) until the last attempt.
 */
@Injectable()
export class RunSyncUseCase {
  private readonly logger = new Logger(RunSyncUseCase.name);

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly runs: RunRepository,
    private readonly secrets: SecretBox,
    private readonly registry: ProviderRegistry,
    private readonly limiter: RequestLimiter,
    @InjectQueue(SYNC_PAGES_QUEUE) private readonly pages: Queue,
    @Inject(SYNC_PAGES_EVENTS) private readonly pageEvents: QueueEvents,
  ) {}

  async execute(command: RunSyncCommand): Promise<RunSyncResult> {
    const { workspaceId, provider, runId } = command;
    const run = await this.runs.get(workspaceId, runId);
    if (!run) return { status: 'skipped', reason: 'unknown run' };
    if (run.status === 'succeeded' || run.status === 'failed') {
      return { status: 'skipped', reason: `run already ${run.status}` };
    }
    const connection = await this.connections.get(workspaceId, provider);
    const secret = connection
      ? this.secrets.openOrNull(connection.secret, connectionId(workspaceId, provider))
      : null;
    if (!connection || secret === null) {
      const error = connection
        ? 'The stored secret cannot be decrypted (ENCRYPTION_KEY changed?); reconnect'
        : `${provider} was disconnected`;
      await this.fail(workspaceId, provider, runId, error);
      throw new UnrecoverableError(error);
    }
    await this.runs.markRunning(workspaceId, runId);
    const stats: RunStats = { ...emptyStats(), ...(run.checkpoint ? run.stats : {}) };
    // The users service writes the pages (the only writer of profiles); it announces them.
    const writer = new PageSender(workspaceId, provider, runId, this.pages, this.pageEvents);
    const adapter = this.registry.get(provider);
    // Writes overlap with fetching the next pages; progress is saved per written page.
    const pipeline = new PagePipeline(writer, stats, (saved, checkpoint) =>
      this.runs.saveProgress(workspaceId, runId, saved, checkpoint),
    );
    try {
      if (!run.checkpoint) await pipeline.pushPending();
      const outcome = await adapter.run({
        workspaceId,
        runId,
        secret,
        settings: connection.settings,
        state: connection.syncState ?? {},
        checkpoint: run.checkpoint,
        stats,
        declareTypes: (types) => writer.declareTypes(types),
        applyPage: (records, checkpoint) => pipeline.push(records, checkpoint),
        beforeRequest: () =>
          this.limiter.acquire(`${provider}:${workspaceId}`, adapter.requestLimit),
        shouldStop: command.shouldStop,
      });
      await pipeline.flush();
      await this.runs.finish(workspaceId, runId, { status: 'succeeded', stats });
      await this.connections.finishRun(workspaceId, provider, runId, {
        status: 'connected',
        syncState: outcome.state,
        secret: connection.secret,
      });
      return { status: 'succeeded', stats };
    } catch (error) {
      // Nothing of this attempt may still be writing once the run is given up or put back;
      // on shutdown, pages not being written yet are left for the resumed run.
      if (error instanceof SyncInterrupted) pipeline.cancel();
      await pipeline.settle();
      if (error instanceof SyncInterrupted) return { status: 'interrupted' };
      const message = error instanceof Error ? error.message : String(error);
      const fatal = error instanceof SyncError ? error.fatal : false;
      if (fatal || command.lastAttempt) {
        await this.fail(workspaceId, provider, runId, message, stats);
        if (fatal) throw new UnrecoverableError(message);
      } else {
        this.logger.warn(
          { workspaceId, provider, runId, err: error },
          'Sync attempt failed; retried',
        );
        await this.runs.noteRetry(workspaceId, runId, message);
      }
      throw error;
    }
  }

  /** Fails the run for good and frees the connection for the next one. */
  async fail(
    workspaceId: string,
    provider: RunSyncCommand['provider'],
    runId: string,
    error: string,
    stats?: RunStats,
  ): Promise<void> {
    await this.runs.finish(workspaceId, runId, {
      status: 'failed',
      error,
      ...(stats ? { stats } : {}),
    });
    await this.connections.finishRun(workspaceId, provider, runId, { status: 'error' });
  }
}
