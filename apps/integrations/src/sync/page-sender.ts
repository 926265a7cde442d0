import type { RunStats, SyncPageJobPayload, SyncProvider } from '@seg/contracts';
import { syncPageOutcomeSchema } from '@seg/contracts';
import { jobRequestContext } from '@seg/platform';
import type { ValueType } from '@seg/segment-engine';
import type { Queue, QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { emptyStats } from '../runs/run.schema';
import type { VendorRecord } from './sync-provider';

/** How long a run waits for the users service to write one page before the attempt fails. */
export const PAGE_WRITE_TIMEOUT_MS = 120_000;

/** A page ready to hand over: its records, the stats counted so far, what it must wait for. */
export interface PreparedPage {
  kind: SyncPageJobPayload['kind'];
  records: VendorRecord[];
  /** `fetched` of this page. */
  stats: RunStats;
  /** Pages sharing a key are written one after the other (see PagePipeline). */
  keys: string[];
}

/** Where the pipeline sends its pages (a test may stand in). */
export interface PageSink {
  prepare(records: VendorRecord[]): Promise<PreparedPage>;
  preparePending(): Promise<PreparedPage>;
  commit(page: PreparedPage): Promise<RunStats>;
}

/**
 * Hands a run's pages to the users service, the only writer of profiles: one
 * `users.sync-pages` job per page (records as the vendor gave them, with the types the
 * vendor's schema declared), waiting for the job's outcome (the page's stats) before the
 * next page of the run is sent, so pages are written in order and a checkpoint is saved
 * only after its page was written.
 */
export class PageSender implements PageSink {
  private readonly types: Record<string, ValueType> = {};
  /** Job ids of this attempt: a resumed run never meets a finished job of an earlier one. */
  private readonly attempt = randomUUID();
  private seq = 0;

  constructor(
    private readonly workspaceId: string,
    private readonly provider: SyncProvider,
    private readonly runId: string,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly timeoutMs = PAGE_WRITE_TIMEOUT_MS,
  ) {}

  /** The vendor's own schema decides types: sent with the next pages (first catalog writer wins). */
  async declareTypes(types: Record<string, ValueType>): Promise<void> {
    Object.assign(this.types, types);
  }

  async prepare(records: VendorRecord[]): Promise<PreparedPage> {
    return {
      kind: 'records',
      records,
      stats: { ...emptyStats(), fetched: records.length },
      keys: ['run'],
    };
  }

  async preparePending(): Promise<PreparedPage> {
    return { kind: 'kept', records: [], stats: emptyStats(), keys: ['run'] };
  }

  async commit(page: PreparedPage): Promise<RunStats> {
    const seq = this.seq++;
    const payload: SyncPageJobPayload = {
      workspaceId: this.workspaceId,
      provider: this.provider,
      runId: this.runId,
      seq,
      kind: page.kind,
      types: { ...this.types },
      records: page.records,
    };
    const job = await this.queue.add(
      'write',
      { ...payload, ...jobRequestContext() },
      { jobId: `${this.runId}-${this.attempt}-${seq}`, removeOnComplete: { age: 3_600 } },
    );
    const outcome = syncPageOutcomeSchema.parse(
      await job.waitUntilFinished(this.events, this.timeoutMs),
    );
    const stats = { ...outcome.stats };
    stats.fetched += page.stats.fetched;
    return stats;
  }
}
