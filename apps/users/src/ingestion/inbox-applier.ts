import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InboxEntry, InboxRepository } from '@seg/profile-store';
import { ApplyMessagesUseCase } from './usecases/apply-messages/apply-messages.usecase';

/** Entries applied together (one read of their users' profiles, one insert of their events). */
const CHUNK_SIZE = 2_000;
/** How often the sweep looks for stored entries that were never applied (e.g. after a crash). */
const SWEEP_INTERVAL_MS = 15_000;
/** Entries younger than this may still be in some instance's memory queue: the sweep waits. */
const SWEEP_GRACE_MS = 60_000;
const SWEEP_PAGE = 2_000;

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

  constructor(
    private readonly inbox: InboxRepository,
    private readonly apply: ApplyMessagesUseCase,
  ) {}

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
        try {
          await this.apply.execute(workspaceId, entries);
        } catch (error) {
          this.logger.error({ err: error, workspaceId, count: entries.length }, 'Apply failed');
          await this.applyOneByOne(workspaceId, entries);
        }
      }
      for (const entry of chunk) this.queued.delete(String(entry._id));
    }
  }

  /** Isolates a failing entry so that the others of its chunk are applied. */
  private async applyOneByOne(workspaceId: string, entries: InboxEntry[]): Promise<void> {
    if (entries.length < 2) return;
    for (const entry of entries) {
      try {
        await this.apply.execute(workspaceId, [entry]);
      } catch (error) {
        // Stored and not marked applied: the sweep tries it again later.
        this.logger.error({ err: error, messageId: entry.messageId }, 'Apply of one entry failed');
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
