import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { BusBroadcast } from '@seg/platform';
import { MembershipQueue } from '../read-model/membership-queue';
import type { MembershipDocument } from '../read-model/read-model.schemas';

/**
 * A mark is forgotten, unconfirmed, after this long: the worker is assumed to have evaluated
 * a changed user by then (it takes milliseconds when idle; a recomputation's page holds a
 * user's job back by one page). Past it the row is trusted again even if it still lags.
 */
export const MARK_MAX_AGE_MS = 10 * 60_000;
/** At most this many users marked (oldest forgotten first, see MARK_MAX_AGE_MS). */
const MAX_MARKS = 200_000;
/**
 * After start-up or a broadcast reconnect, once the queue's pending changes are known, rows
 * are still distrusted this long: an event published before this process's broadcast queue
 * was bound may be turned into a job by another instance a moment later.
 */
export const RESYNC_SETTLE_MS = 2_000;
const RESYNC_RETRY_MS = 1_000;
const SWEEP_MS = 60_000;

/**
 * When a user's read-model row may answer targeting: only when it reflects every change of
 * the user's data this process has heard of.
 *
 * Every change of a profile or of a user's events is announced by its one writer, the users
 * service, after the write, with `at` (its clock, read after the write): `user.updated` for
 * one user, `profiles.synced` for a page of users (or, without `userIds`, a whole
 * workspace). Every instance hears each (BusBroadcast) and keeps, per user, the newest `at`
 * heard. The segments worker evaluates the user for the same event (the job carries its
 * `at`) and writes the row with `dataAt` = that `at`; its read starts after the job was
 * queued, so after every write announced with an `at` up to it (one users-service
 * process: its writes and clock are in order). So `row.dataAt >= newest at heard` means
 * the row saw every change heard of; otherwise the user is evaluated on the fly. A mark is
 * dropped once a row confirms it.
 *
 * What a process may have missed (before its start, or while its broadcast was
 * disconnected) comes from the queue: the `users` and forced `recompute` jobs still waiting
 * there are marked as if heard, and every row is distrusted until that is done and
 * RESYNC_SETTLE_MS has passed.
 */
@Injectable()
export class MembershipFreshness implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MembershipFreshness.name);
  /** `workspaceId/userId` → newest `at` (ms) heard, and when; insertion order = age. */
  private readonly users = new Map<string, { at: number; heardAt: number }>();
  /** Workspace-wide changes (a sync naming no users) → newest `at` (ms) and when heard. */
  private readonly workspaces = new Map<string, { at: number; heardAt: number }>();
  /** Rows are distrusted until then (start-up, reconnect). */
  private distrustUntil = Number.POSITIVE_INFINITY;
  private resyncGeneration = 0;
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly broadcast: BusBroadcast,
    private readonly queue: MembershipQueue,
  ) {}

  onModuleInit(): void {
    this.broadcast.on('user.updated', (event) =>
      this.heardUsers(event.workspaceId, [event.userId], event.at),
    );
    this.broadcast.on('profiles.synced', (event) => {
      if (event.userIds?.length) this.heardUsers(event.workspaceId, event.userIds, event.at);
      else this.heardWorkspace(event.workspaceId, event.at);
    });
    this.broadcast.onReconnect(() => this.resync());
  }

  /** After the broadcast queue is bound (BusModule starts it at bootstrap; the settle covers the order). */
  onApplicationBootstrap(): void {
    this.resync();
    const sweep = setInterval(() => this.sweep(), SWEEP_MS);
    sweep.unref();
    this.timers.add(sweep);
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.resyncGeneration += 1;
  }

  /** These users' data changed at `at` (an ISO instant from the users service). */
  heardUsers(workspaceId: string, userIds: readonly string[], at: string | Date): void {
    const ms = new Date(at).getTime();
    if (!Number.isFinite(ms)) return;
    const now = Date.now();
    for (const userId of userIds) {
      const key = `${workspaceId}/${userId}`;
      const known = this.users.get(key);
      if (known !== undefined && known.at >= ms) continue;
      this.users.delete(key);
      this.users.set(key, { at: ms, heardAt: now });
    }
    while (this.users.size > MAX_MARKS) {
      const oldest = this.users.keys().next().value;
      if (oldest === undefined) break;
      this.users.delete(oldest);
    }
  }

  /** Every user of the workspace changed at `at` (a sync that named nobody). */
  heardWorkspace(workspaceId: string, at: string | Date): void {
    const ms = new Date(at).getTime();
    if (!Number.isFinite(ms)) return;
    const known = this.workspaces.get(workspaceId);
    if (!known || known.at < ms) this.workspaces.set(workspaceId, { at: ms, heardAt: Date.now() });
  }

  /**
   * Whether `row` (the user's row, or null) reflects every change heard for the user; a
   * confirmed mark is forgotten.
   */
  reflects(workspaceId: string, userId: string, row: MembershipDocument | null): boolean {
    if (row === null || Date.now() < this.distrustUntil) return false;
    const seen = row.dataAt ? new Date(row.dataAt).getTime() : Number.NEGATIVE_INFINITY;
    const workspace = this.workspaces.get(workspaceId);
    if (workspace && workspace.at > seen) return false;
    const key = `${workspaceId}/${userId}`;
    const needed = this.users.get(key);
    if (needed === undefined) return true;
    if (needed.at > seen) return false;
    this.users.delete(key);
    return true;
  }

  /** How many users are marked (tests, metrics). */
  get pending(): number {
    return this.users.size;
  }

  /**
   * Distrust every row, mark what the queue still holds (changes this process may not have
   * heard of), then trust again after RESYNC_SETTLE_MS. Retried while the queue cannot be read.
   */
  resync(): void {
    const generation = ++this.resyncGeneration;
    this.distrustUntil = Number.POSITIVE_INFINITY;
    let warned = false;
    const attempt = async () => {
      try {
        const pending = await this.queue.pendingChanges();
        if (generation !== this.resyncGeneration) return;
        for (const { workspaceId, userIds, dataAt } of pending.users) {
          this.heardUsers(workspaceId, userIds, dataAt);
        }
        for (const { workspaceId, dataAt } of pending.workspaces) {
          this.heardWorkspace(workspaceId, dataAt);
        }
        this.distrustUntil = Date.now() + RESYNC_SETTLE_MS;
      } catch (error) {
        if (generation !== this.resyncGeneration) return;
        if (!warned) {
          this.logger.warn({ err: error }, 'Pending membership changes unreadable; retrying');
          warned = true;
        }
        this.later(attempt, RESYNC_RETRY_MS);
      }
    };
    void attempt();
  }

  /** Forgets marks older than MARK_MAX_AGE_MS. */
  sweep(now = Date.now()): void {
    for (const [key, { heardAt }] of this.users) {
      if (now - heardAt <= MARK_MAX_AGE_MS) break;
      this.users.delete(key);
    }
    for (const [workspaceId, { heardAt }] of this.workspaces) {
      if (now - heardAt > MARK_MAX_AGE_MS) this.workspaces.delete(workspaceId);
    }
  }

  private later(run: () => Promise<void>, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}
