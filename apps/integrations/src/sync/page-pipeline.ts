import type { RunStats } from '@seg/contracts';
import type { PageSink, PreparedPage } from './page-sender';

/** Records fetched but not yet written a run may hold (then fetching waits for writes). */
const MAX_RECORDS_AHEAD = 5_000;

type Checkpoint = Record<string, unknown>;

interface InFlight {
  records: number;
  done: Promise<void>;
}

/**
 * Overlaps writing pages with fetching the next ones. Pages are prepared in the
 * order they are pushed; their writes may overlap (a page sharing a key with one still
 * being written waits for it; PageSender gives every page of a run the same key), but each page's stats
 * and checkpoint are saved only once it and every page before it are written, so a
 * resumed run never skips a page that was not written. The first failure stops
 * every later page and is thrown by the next `push` and by `flush`.
 */
export class PagePipeline {
  private prepared: Promise<void> = Promise.resolve();
  private completed: Promise<void> = Promise.resolve();
  private readonly inFlight: InFlight[] = [];
  private readonly writing = new Map<string, Promise<unknown>>();
  private recordsAhead = 0;
  private failure: { error: unknown } | undefined;
  private cancelled = false;

  constructor(
    private readonly writer: PageSink,
    /** The run's stats: every written page's delta is added, in page order. */
    private readonly stats: RunStats,
    private readonly saveProgress: (stats: RunStats, checkpoint: Checkpoint) => Promise<void>,
    private readonly maxRecordsAhead = MAX_RECORDS_AHEAD,
  ) {}

  /** Queues a page; resolves once there is room for the next one (not once written). */
  async push(records: Parameters<PageSink['prepare']>[0], checkpoint: Checkpoint): Promise<void> {
    await this.enqueue(records.length, () => this.writer.prepare(records), checkpoint);
  }

  /** Queues the records kept from earlier runs (before any page: later pages win). */
  async pushPending(): Promise<void> {
    await this.enqueue(0, () => this.writer.preparePending(), undefined);
  }

  /** Waits for every queued page to be written and saved; throws the first failure. */
  async flush(): Promise<void> {
    await this.settle();
    if (this.failure) throw this.failure.error;
  }

  /**
   * Drops the queued pages whose write has not started (a shutdown: they are fetched
   * again on resume, after the last saved checkpoint); pages being written finish.
   */
  cancel(): void {
    this.cancelled = true;
  }

  /** Waits for every queued page to end, written or failed (before giving the run up). */
  async settle(): Promise<void> {
    await this.prepared;
    await this.completed;
  }

  private async enqueue(
    records: number,
    prepare: () => Promise<PreparedPage>,
    checkpoint: Checkpoint | undefined,
  ): Promise<void> {
    this.throwIfFailed();
    // Prepared one after the other (types, matching and skip decisions depend on order).
    const step = this.prepared.then(async () => {
      this.throwIfFailed();
      const page = await prepare();
      const keys = page.keys;
      const earlier = new Set<Promise<unknown>>();
      for (const key of keys) {
        const busy = this.writing.get(key);
        if (busy) earlier.add(busy);
      }
      const written = Promise.all(earlier).then(() => {
        this.throwIfFailed();
        if (this.cancelled) throw new PipelineCancelled();
        return this.writer.commit(page);
      });
      const settled = written.then(
        () => undefined,
        () => undefined,
      );
      for (const key of keys) this.writing.set(key, settled);
      void settled.then(() => {
        for (const key of keys) if (this.writing.get(key) === settled) this.writing.delete(key);
      });
      return { written };
    });
    this.prepared = step.then(
      () => undefined,
      () => undefined,
    );
    // Settled at once (no unhandled rejection), looked at only after every earlier page.
    const outcome = step
      .then((s) => s.written)
      .then(
        (delta) => ({ delta }),
        (error: unknown) => ({ error }),
      );
    const done = this.completed.then(async () => {
      const result = await outcome;
      if ('error' in result) throw result.error;
      this.throwIfFailed();
      addStats(this.stats, result.delta);
      if (checkpoint !== undefined) await this.saveProgress({ ...this.stats }, checkpoint);
    });
    this.completed = done.catch((error: unknown) => {
      this.failure ??= { error };
    });
    const entry: InFlight = { records, done: this.completed };
    this.inFlight.push(entry);
    this.recordsAhead += records;
    void this.completed.then(() => {
      this.recordsAhead -= records;
      this.inFlight.splice(this.inFlight.indexOf(entry), 1);
    });
    // Back-pressure: pages complete in order, so wait for the oldest ones.
    while (this.recordsAhead > this.maxRecordsAhead && this.inFlight.length > 1) {
      await (this.inFlight[0] as InFlight).done;
      this.throwIfFailed();
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

/** The reason pages dropped by `cancel` were not written. */
class PipelineCancelled extends Error {
  constructor() {
    super('Sync page writes cancelled (worker shutting down)');
  }
}

function addStats(total: RunStats, delta: RunStats): void {
  for (const key of Object.keys(delta) as Array<keyof RunStats>) total[key] += delta[key];
}
