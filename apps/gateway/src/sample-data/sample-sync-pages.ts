import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  type SyncPageJobPayload,
  type SyncPageOutcome,
  syncPageOutcomeSchema,
} from '@seg/contracts';
import { APP_CONFIG, jobRequestContext } from '@seg/platform';
import { Queue, QueueEvents } from 'bullmq';
import type { GatewayConfig } from '../config';

/** The users service's queue of sync pages (`users.sync-pages`): it alone writes profiles. */
const SYNC_PAGES_QUEUE = 'users.sync-pages' as const;
/** How long a sample page may take to be written before the load fails. */
const PAGE_WRITE_TIMEOUT_MS = 60_000;

/**
 * Hands the sample's HubSpot and Customer.io records to the users service the way the sync
 * workers do (apps/integrations/src/sync/page-sender.ts): one `users.sync-pages` job per
 * page, waiting for its outcome. The queue and its events are opened on first use only: a
 * gateway that never loads sample data holds no extra Redis connection.
 */
@Injectable()
export class SampleSyncPages implements OnApplicationShutdown {
  private opened: { queue: Queue; events: QueueEvents } | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {}

  async write(payload: SyncPageJobPayload): Promise<SyncPageOutcome> {
    const { queue, events } = await this.open();
    const job = await queue.add(
      'write',
      { ...payload, ...jobRequestContext() },
      {
        jobId: `${payload.runId}-${payload.seq}`,
        removeOnComplete: { age: 3_600 },
        attempts: 3,
        backoff: { type: 'exponential', delay: 500 },
      },
    );
    return syncPageOutcomeSchema.parse(await job.waitUntilFinished(events, PAGE_WRITE_TIMEOUT_MS));
  }

  private async open(): Promise<{ queue: Queue; events: QueueEvents }> {
    if (!this.opened) {
      const options = {
        connection: { url: this.config.REDIS_URL },
        prefix: `${this.config.BUS_PREFIX}:bull`,
      };
      const events = new QueueEvents(SYNC_PAGES_QUEUE, options);
      this.opened = { queue: new Queue(SYNC_PAGES_QUEUE, options), events };
      await events.waitUntilReady();
    }
    return this.opened;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.opened) return;
    await Promise.all([this.opened.queue.close(), this.opened.events.close()]);
  }
}
