import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { queueContracts, type SyncPageOutcome } from '@seg/contracts';
import { RequestIdWorkerHost } from '@seg/platform';
import { type Job, Queue, UnrecoverableError } from 'bullmq';
import { WriteSyncPageUseCase } from './usecases/write-sync-page/write-sync-page.usecase';

export const SYNC_PAGES_QUEUE = 'users.sync-pages' as const;
export const DEAD_LETTER_QUEUE = 'users.dead-letter' as const;

/**
 * Pages of vendor records from the sync workers (`users.sync-pages`): each job is one
 * page, its return value the page's outcome, which the run waits for before saving its
 * checkpoint. A job whose payload cannot be read (poisoned) is never retried: it is
 * logged with its reason and copied to `users.dead-letter`.
 */
// Worker options (concurrency) come from the config: app.module.ts.
@Processor(SYNC_PAGES_QUEUE)
export class SyncPagesProcessor extends RequestIdWorkerHost {
  private readonly logger = new Logger(SyncPagesProcessor.name);

  constructor(
    private readonly writePage: WriteSyncPageUseCase,
    @InjectQueue(DEAD_LETTER_QUEUE) private readonly deadLetters: Queue,
  ) {
    super();
  }

  async process(job: Job): Promise<SyncPageOutcome> {
    const parsed = queueContracts[SYNC_PAGES_QUEUE].write.safeParse(job.data);
    if (!parsed.success) {
      const reason = `Invalid sync page: ${parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ')}`;
      this.logger.error(
        { queue: SYNC_PAGES_QUEUE, jobId: job.id, reason },
        'Poisoned message dead-lettered',
      );
      await this.deadLetters.add('poisoned', {
        queue: SYNC_PAGES_QUEUE,
        ...(job.id ? { jobId: job.id } : {}),
        reason,
        data: job.data as unknown,
      });
      throw new UnrecoverableError(reason);
    }
    const { requestId: _requestId, ...command } = parsed.data;
    return this.writePage.execute(command);
  }
}
