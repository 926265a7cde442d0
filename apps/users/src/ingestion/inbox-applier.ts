import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG } from '@seg/platform';
import { InboxEntry, InboxRepository } from '@seg/profile-store';
import {
  compareStreamIds,
  INBOX_PARTITIONS,
  InboxPartitions,
  type PartitionEntry,
  partitionOf,
  UNREADABLE,
} from './partitions/inbox-partitions';
import type { UsersConfig } from '../config';
import { type ApplyOutcome, applyIsolating } from './apply-isolating';
import { ApplyMessagesUseCase } from './usecases/apply-messages/apply-messages.usecase';

/** Entries applied together (one read of their users' profiles, one insert of their events). */
const CHUNK_SIZE = 2_000;
/** A partition's lease: renewed every `OWNERSHIP_TICK_MS`, taken over this long after a crash. */
const LEASE_MS = 10_000;
const OWNERSHIP_TICK_MS = 1_000;
/** No chunk is started on a partition whose lease has less than this left. */
const CHUNK_BUDGET_MS = 5_000;
/** How long a read waits for new entries (also how soon a new partition is read). */
const READ_BLOCK_MS = 250;
/** How often the sweep looks for stored entries that were never applied (e.g. after a crash). */
const SWEEP_INTERVAL_MS = 15_000;
const SWEEP_PAGE = 2_000;
/** A re-append is done once per entry within this (a retry racing a redelivery). */
const APPEND_ONCE_MS = 10 * 60_000;
const IDLE_TIMEOUT_MS = 120_000;
/** Times an entry may fail before its partition passes over it (left to the sweep). */
const MAX_ENTRY_FAILURES = 3;
const RETRY_AFTER_FAILURE_MS = 1_000;

interface Held {
  /** Instance id and fencing token, as the lease holds it. */
  holder: string;
  /** Until when the lease is known to be ours (renewed on every tick). */
  until: number;
  /** Applied up to this stream id. */
  position: string;
  /** Handed over to another instance after the current chunk. */
  releasing: boolean;
}

/**
 * Applies accepted inbox entries in arrival order per user, across instances.
 *
 * Accepting appends each stored entry to its user's partition stream (Redis) before the
 * 202. Each partition is leased to one instance at a time (the live instances share the
 * partitions evenly); the holder reads its partitions' streams in order, applies them in
 * chunks (one drain loop per process, chunks one after the other) and moves each
 * partition's position with a fenced script. A crashed holder's partitions are taken over
 * when its lease expires, from the stored position: the chunk it was applying is applied
 * again, which is harmless (see `ApplyMessagesUseCase`). A sweep re-appends entries stored
 * but never appended (a crash between the insert and the append).
 */
@Injectable()
export class InboxApplier implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboxApplier.name);
  private readonly held = new Map<number, Held>();
  /** Entries that failed, by id: how many times. */
  private readonly failures = new Map<string, number>();
  private running = false;
  private loop: Promise<void> | null = null;
  private ticking: Promise<void> | null = null;
  private sweeping = false;
  private sweepTimer?: NodeJS.Timeout;
  private tickTimer?: NodeJS.Timeout;

  /** Entries younger than this may still be on their way to their partition: the sweep waits. */
  private readonly sweepGraceMs: number;
  /** An entry stored longer ago than this is not appended by a request any more (the sweep's). */
  private readonly publishDeadlineMs: number;

  constructor(
    private readonly inbox: InboxRepository,
    private readonly apply: ApplyMessagesUseCase,
    private readonly partitions: InboxPartitions,
    @Inject(APP_CONFIG) config: UsersConfig,
  ) {
    this.sweepGraceMs = config.INBOX_SWEEP_GRACE_MS;
    this.publishDeadlineMs = config.INBOX_SWEEP_GRACE_MS / 2;
  }

  /** Appends stored entries to their partitions (the caller answers 202 after this). */
  async enqueue(entries: InboxEntry[]): Promise<void> {
    const now = Date.now();
    const late = entries.filter(
      (entry) => now - entry.receivedAt.getTime() > this.publishDeadlineMs,
    );
    if (late.length > 0) {
      // Stored so long ago that the sweep may append them too: it alone does.
      this.logger.warn({ count: late.length }, 'Entries stored too long ago, left to the sweep');
    }
    await this.partitions.publish(
      late.length === 0 ? entries : entries.filter((entry) => !late.includes(entry)),
    );
  }

  /**
   * Messages a request found stored already (a client's retry, or the bus redelivering a
   * request whose instance died between the insert and the append): those not applied
   * and not waiting in their partition are appended now, once.
   */
  async enqueueStored(workspaceId: string, messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    const now = Date.now();
    const stored = await this.inbox.findByMessageIds(workspaceId, messageIds);
    // Older ones are the sweep's (see `publishDeadlineMs`).
    const young = stored.filter(
      (entry) => now - entry.receivedAt.getTime() <= this.publishDeadlineMs,
    );
    if (young.length === 0) return;
    const applied = await this.inbox.appliedIds(young.map((entry) => entry._id));
    const unapplied = young.filter((entry) => !applied.has(String(entry._id)));
    if (unapplied.length > 0) await this.appendMissing(unapplied, false);
  }

  /** Resolves once everything appended so far has been applied (by whichever instance). */
  async idle(): Promise<void> {
    const targets = await this.partitions.newestIds();
    const deadline = Date.now() + IDLE_TIMEOUT_MS;
    for (;;) {
      const positions = await this.partitions.appliedPositions();
      if (targets.every((id, p) => compareStreamIds(positions[p] ?? '0-0', id) >= 0)) return;
      if (Date.now() > deadline) throw new Error('The inbox was not applied in time');
      await sleep(20);
    }
  }

  /** Partitions this instance holds now (for tests). */
  get partitionsHeld(): number[] {
    return [...this.held.keys()].sort((a, b) => a - b);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.tick();
    this.tickTimer = setInterval(() => void this.tick(), OWNERSHIP_TICK_MS);
    this.tickTimer.unref();
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
    this.loop = this.drain();
    void this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearInterval(this.tickTimer);
    clearInterval(this.sweepTimer);
    await this.loop;
    await this.ticking;
    while (this.sweeping) await sleep(50);
    await Promise.all(
      [...this.held].map(([partition, { holder }]) =>
        this.partitions.release(partition, holder).catch(() => undefined),
      ),
    );
    this.held.clear();
    await this.partitions.leave().catch(() => undefined);
    await this.partitions.close();
  }

  /** Heartbeat, lease renewals, and the partitions this instance should hold taken. */
  private tick(): Promise<void> {
    if (this.ticking || !this.running) return this.ticking ?? Promise.resolve();
    this.ticking = this.ownership()
      .catch((error: unknown) => this.logger.error({ err: error }, 'Partition ownership failed'))
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private async ownership(): Promise<void> {
    const members = await this.partitions.heartbeat(LEASE_MS);
    const me = members.indexOf(this.partitions.instanceId);
    const mine = (partition: number) => members.length === 0 || partition % members.length === me;
    for (const [partition, lease] of [...this.held]) {
      const now = Date.now();
      if (!(await this.partitions.renew(partition, lease.holder, LEASE_MS))) {
        this.logger.warn({ partition }, 'Partition lease lost');
        this.held.delete(partition);
        continue;
      }
      lease.until = now + LEASE_MS;
      if (!mine(partition)) lease.releasing = true;
    }
    for (let partition = 0; partition < INBOX_PARTITIONS; partition += 1) {
      if (this.held.has(partition) || !mine(partition)) continue;
      const now = Date.now();
      const holder = await this.partitions.acquire(partition, LEASE_MS);
      if (!holder) continue;
      const position = await this.partitions.appliedPosition(partition);
      this.held.set(partition, { holder, until: now + LEASE_MS, position, releasing: false });
    }
  }

  private async drain(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.drainOnce())) await sleep(READ_BLOCK_MS);
      } catch (error) {
        this.logger.error({ err: error }, 'Inbox drain failed');
        await sleep(500);
      }
    }
  }

  /** One chunk read, applied and committed; false when there was nothing to read. */
  private async drainOnce(): Promise<boolean> {
    const from = new Map<number, string>();
    const now = Date.now();
    for (const [partition, lease] of [...this.held]) {
      if (lease.releasing) {
        // Between chunks: nothing of this partition is being applied here.
        this.held.delete(partition);
        await this.partitions.release(partition, lease.holder);
      } else if (lease.until - now >= CHUNK_BUDGET_MS) {
        from.set(partition, lease.position);
      }
    }
    if (from.size === 0) return false;
    const perPartition = Math.max(50, Math.floor(CHUNK_SIZE / from.size));
    const read = await this.partitions.read(from, perPartition, READ_BLOCK_MS);
    if (read.length === 0) return true;
    const { failed, unavailable } = await this.applyChunk(read);
    // Each partition's position moves past what was applied. An entry that failed holds its
    // partition back (retried from there: the entries after it again too, harmless) unless
    // it failed MAX_ENTRY_FAILURES times: then it is passed over and left to the sweep, so a
    // bad entry cannot hold its users up for good. During a shutdown nothing failed is
    // passed over (the next holder applies it).
    const last = new Map<number, string>();
    const blocked = new Set<number>();
    for (const { partition, id, entry } of read) {
      if (blocked.has(partition)) continue;
      const key = String(entry._id);
      // The database was away: held back and tried again, never counted against the entry.
      if (entry !== UNREADABLE && unavailable.has(key)) {
        blocked.add(partition);
        continue;
      }
      if (entry !== UNREADABLE && failed.has(key)) {
        const failures = (this.failures.get(key) ?? 0) + 1;
        if (!this.running || failures < MAX_ENTRY_FAILURES) {
          this.failures.set(key, failures);
          blocked.add(partition);
          continue;
        }
        this.logger.error({ messageId: entry.messageId }, 'Entry failed again; left to the sweep');
      }
      if (this.failures.size > 0) this.failures.delete(key);
      last.set(partition, id);
    }
    for (const [partition, id] of last) {
      const lease = this.held.get(partition);
      if (lease && (await this.partitions.commit(partition, lease.holder, id))) {
        lease.position = id;
      } else {
        this.logger.warn(
          { partition },
          'Partition lost during a chunk; its holder applies it again',
        );
        this.held.delete(partition);
      }
    }
    if (blocked.size > 0) await sleep(RETRY_AFTER_FAILURE_MS);
    return true;
  }

  /** Applies a chunk; answers the ids of the entries that could not be applied, and why. */
  private async applyChunk(read: PartitionEntry[]): Promise<ApplyOutcome> {
    const byWorkspace = new Map<string, InboxEntry[]>();
    for (const { entry } of read) {
      if (entry === UNREADABLE) {
        this.logger.error('Unreadable partition entry skipped');
        continue;
      }
      const entries = byWorkspace.get(entry.workspaceId) ?? [];
      entries.push(entry);
      byWorkspace.set(entry.workspaceId, entries);
    }
    const outcome: ApplyOutcome = { failed: new Set(), unavailable: new Set() };
    for (const [workspaceId, entries] of byWorkspace) {
      await applyIsolating(this.apply, workspaceId, entries, outcome);
    }
    return outcome;
  }

  /**
   * Finds stored entries older than the grace period that have no applied marker. Those
   * of partitions held here that are not waiting in their stream (stored, then a crash
   * before the append) are appended again; the holders of the other partitions do theirs.
   * Then moves the watermark past what is known applied.
   */
  async sweep(graceMs = this.sweepGraceMs): Promise<void> {
    if (this.sweeping || !this.running) return;
    this.sweeping = true;
    try {
      const before = new Date(Date.now() - graceMs);
      for (;;) {
        const { entries, scanned, from, lastReceivedAt } = await this.inbox.findUnapplied(
          before,
          SWEEP_PAGE,
        );
        if (entries.length > 0) {
          await this.appendMissing(entries, true);
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

  /**
   * Appends the entries that are neither waiting in their partition nor applied. The
   * pending read comes first: an entry applied after it has its marker by the re-check
   * (markers are written before a position moves).
   */
  private async appendMissing(entries: InboxEntry[], heldOnly: boolean): Promise<void> {
    const byPartition = new Map<number, InboxEntry[]>();
    for (const entry of entries) {
      const partition = partitionOf(entry.workspaceId, entry.userId);
      if (heldOnly && !this.held.has(partition)) continue;
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), entry]);
    }
    const missing: InboxEntry[] = [];
    for (const [partition, candidates] of byPartition) {
      const pending = await this.partitions.pendingEntryIds(partition);
      missing.push(...candidates.filter((entry) => !pending.has(String(entry._id))));
    }
    if (missing.length === 0) return;
    const applied = await this.inbox.appliedIds(missing.map((entry) => entry._id));
    const fresh = missing.filter((entry) => !applied.has(String(entry._id)));
    if (fresh.length === 0) return;
    const appended = await this.partitions.publishOnce(fresh, APPEND_ONCE_MS);
    if (appended > 0) this.logger.warn({ count: appended }, 'Stored inbox entries appended again');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
