import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { isTransientDatabaseError } from '@seg/platform';
import { InboxEntry, InboxRepository } from '@seg/profile-store';
import { ApplyMessagesUseCase } from './usecases/apply-messages/apply-messages.usecase';

/** Entries applied together (one read of their users' profiles, one insert of their events). */
const CHUNK_SIZE = 2_000;
/** How often the sweep looks for stored entries that were never applied (e.g. after a crash). */
const SWEEP_INTERVAL_MS = 15_000;
/** Entries younger than this may still be in some instance's memory queue: the sweep waits. */
const SWEEP_GRACE_MS = 60_000;
const SWEEP_PAGE = 2_000;
/** Tries of a chunk while the database is unreachable (a restart): about 30 s in all. */
const TRANSIENT_ATTEMPTS = 8;

/** The wait before try `attempt` (1, 2, …) of a chunk the database could not take. */
export interface ApplierTiming {
  transientBackoffMs: (attempt: number) => number;
}
export const APPLIER_TIMING = Symbol('APPLIER_TIMING');
const defaultTiming: ApplierTiming = {
  transientBackoffMs: (attempt) => Math.min(5_000, 250 * 2 ** (attempt - 1)),
};

/**
 * Applies accepted inbox entries right after they are stored (one drain loop per
 * process, so profile writes of this instance never race each other), and sweeps
 * at start-up and periodically for entries left unapplied by a crash.
 */
@Injectable()
export class InboxApplier implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboxApplier.name);
  private readonly queue: InboxEntry[] = [];
  private readonly queued = new Set<string>();
  private draining: Promise<void> | null = null;
  private sweeping = false;
  private timer?: NodeJS.Timeout;

  private readonly timing: ApplierTiming;

  constructor(
    private readonly inbox: InboxRepository,
    private readonly apply: ApplyMessagesUseCase,
    @Optional() @Inject(APPLIER_TIMING) timing?: ApplierTiming,
  ) {
    this.timing = timing ?? defaultTiming;
  }

  enqueue(entries: InboxEntry[]): void {
    for (const entry of entries) {
      const id = String(entry._id);
      if (this.queued.has(id)) continue;
      this.queued.add(id);
      this.queue.push(entry);
    }
    this.kick();
  }

  /** Resolves once everything queued so far has been applied (or failed). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
    void this.sweep(0);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.idle();
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const chunk = this.queue.splice(0, CHUNK_SIZE);
      const byWorkspace = new Map<string, InboxEntry[]>();
      for (const entry of chunk) {
        byWorkspace.set(entry.workspaceId, [...(byWorkspace.get(entry.workspaceId) ?? []), entry]);
      }
      for (const [workspaceId, entries] of byWorkspace) {
        await this.applyChunk(workspaceId, entries);
      }
      for (const entry of chunk) this.queued.delete(String(entry._id));
    }
  }

  /**
   * Applies entries of one workspace. The database being briefly away (a restart, a closed
   * connection) is not the entries' fault: the whole chunk is tried again after a growing
   * wait, and left to the sweep if the database stays away. Any other failure is isolated by
   * halves, so that one bad entry costs a few tries, not one try per entry of its chunk.
   */
  private async applyChunk(workspaceId: string, entries: InboxEntry[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.apply.execute(workspaceId, entries);
        return;
      } catch (error) {
        if (isTransientDatabaseError(error)) {
          if (attempt >= TRANSIENT_ATTEMPTS) {
            // Stored and not marked applied: the sweep applies them once the database is back.
            this.logger.error(
              { err: error, workspaceId, count: entries.length },
              'Apply failed: database unreachable, left for the sweep',
            );
            return;
          }
          this.logger.warn(
            { err: error, workspaceId, count: entries.length, attempt },
            'Apply failed: database unreachable, trying again',
          );
          await new Promise((resolve) =>
            setTimeout(resolve, this.timing.transientBackoffMs(attempt)),
          );
          continue;
        }
        if (entries.length === 1) {
          // Stored and not marked applied: the sweep tries it again later.
          this.logger.error(
            { err: error, workspaceId, messageId: entries[0]?.messageId },
            'Apply of one entry failed',
          );
          return;
        }
        this.logger.error({ err: error, workspaceId, count: entries.length }, 'Apply failed');
        const half = Math.ceil(entries.length / 2);
        await this.applyChunk(workspaceId, entries.slice(0, half));
        await this.applyChunk(workspaceId, entries.slice(half));
        return;
      }
    }
  }

  /**
   * Re-applies stored entries older than the grace period that have no applied
   * marker, then moves the watermark past what is known applied.
   */
  async sweep(graceMs = SWEEP_GRACE_MS): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const before = new Date(Date.now() - graceMs);
      for (;;) {
        const { entries, scanned, from, lastReceivedAt } = await this.inbox.findUnapplied(
          before,
          SWEEP_PAGE,
        );
        if (entries.length > 0) {
          const fresh = entries.filter((entry) => !this.queued.has(String(entry._id)));
          if (fresh.length > 0) {
            this.logger.warn({ count: fresh.length }, 'Applying inbox entries left unapplied');
            this.enqueue(fresh);
          }
          // The watermark stays: the next sweep checks that they were applied.
          return;
        }
        if (scanned < SWEEP_PAGE) {
          await this.inbox.advanceWatermark(before);
          return;
        }
        if (!lastReceivedAt || lastReceivedAt <= from) return;
        await this.inbox.advanceWatermark(lastReceivedAt);
      }
    } catch (error) {
      this.logger.error({ err: error }, 'Inbox sweep failed');
    } finally {
      this.sweeping = false;
    }
  }
}
