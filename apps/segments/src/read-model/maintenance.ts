import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { HISTORY_DAYS } from './history-retention';
import { MembershipQueue } from './membership-queue';
import { ReadModelRepository } from './read-model.repository';

const HOUR = 3_600_000;

/**
 * The worker's housekeeping: at start, a recomputation that failed for good is queued again
 * (a segment is never left `failed` or `computing` for ever); every hour, history older than
 * the retention is removed.
 */
@Injectable()
export class ReadModelMaintenance implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReadModelMaintenance.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repository: ReadModelRepository,
    private readonly queue: MembershipQueue,
    @Inject(HISTORY_DAYS) private readonly days: number,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const recompute of await this.repository.allRecomputes()) {
      if (!recompute.failed) continue;
      this.logger.warn({ workspaceId: recompute.workspaceId }, 'Retrying a failed recomputation');
      await this.queue.recomputeWorkspace(recompute.workspaceId);
    }
    this.timer = setInterval(() => void this.prune(), HOUR);
    this.timer.unref();
    void this.prune();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async prune(): Promise<void> {
    try {
      const removed = await this.repository.pruneHistory(
        new Date(Date.now() - this.days * 86_400_000),
      );
      if (removed) this.logger.log({ removed }, 'Membership history pruned');
    } catch (error) {
      this.logger.warn({ err: error }, 'Membership history pruning failed');
    }
  }
}
