import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { evaluateMany, nextChangeAt, type ProfileDocument } from '@seg/segment-engine';
import { BusClient } from '@seg/platform';
import type { WorkspaceSegments } from '../membership/compiled-segments';
import { eventsByUser } from '../membership/event-keys';
import { MemberStore } from '../reads/member-store';
import { MembershipQueue } from './membership-queue';
import { ReadModelRepository } from './read-model.repository';
import {
  membershipKey,
  type MembershipChangeDocument,
  type MembershipDocument,
} from './read-model.schemas';

export interface WriteSummary {
  evaluated: number;
  changedUsers: number;
  /** Members gained minus members lost, per segment. */
  deltas: Map<string, number>;
}

/** A change is identified by what it changes: the user's row as it was before it. */
const changeId = (
  workspaceId: string,
  userId: string,
  segmentId: string,
  change: string,
  rowEvaluatedAt: Date | null,
) =>
  `chg_${createHash('sha256')
    .update(
      [workspaceId, userId, segmentId, change, rowEvaluatedAt?.toISOString() ?? '-'].join('\u0000'),
    )
    .digest('hex')
    .slice(0, 32)}`;

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);
const sameTime = (a: Date | null, b: Date | null) =>
  (a === null && b === null) || (a !== null && b !== null && a.getTime() === b.getTime());

const newer = (a: Date | null, b: Date | null) => (a === null ? b : b === null || a >= b ? a : b);

/**
 * The one writer of the read model's user rows: evaluates users with the one-user evaluator
 * (the compiled segments and `evaluateMany` targeting uses), writes only what changed, records
 * each entry and exit (history, `segment.membership.changed`) and schedules the user's next
 * re-evaluation at its `nextChangeAt`.
 *
 * Every write runs under this process's lock of the workspace: each read-evaluate-write of
 * a page of users is atomic with respect to the others, so the last write always reflects the
 * latest read (FerretDB has no transactions and its updates are not atomic). One worker
 * process per deployment (see the README).
 */
@Injectable()
export class MembershipWriter {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: MemberStore,
    private readonly repository: ReadModelRepository,
    private readonly bus: BusClient,
    private readonly queue: MembershipQueue,
  ) {}

  /** Runs `work` after every earlier piece of work of the workspace (in this process). */
  async locked<T>(workspaceId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(workspaceId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    const tail = run.catch(() => undefined);
    this.locks.set(workspaceId, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(workspaceId) === tail) this.locks.delete(workspaceId);
    }
  }

  /**
   * Re-evaluates these users against every segment of the workspace. Call under `locked`.
   * `dataAt`: the `at` of the change that queued it; every row evaluated records it (a write
   * even when the segments did not change: targeting's proof that the row saw that change).
   */
  async evaluateUsers(
    workspaceId: string,
    userIds: readonly string[],
    segments: WorkspaceSegments,
    dataAt?: Date,
  ): Promise<WriteSummary> {
    const unique = [...new Set(userIds)];
    const [profiles, existing] = await Promise.all([
      this.store.profilesOf(workspaceId, unique),
      this.repository.membershipsOf(
        workspaceId,
        unique.map((userId) => membershipKey(workspaceId, userId)),
      ),
    ]);
    const summary = await this.apply(workspaceId, segments, profiles, existing, unique, dataAt);
    const current = new Map(
      [...summary.deltas].filter(([segmentId]) => segments.versions.has(segmentId)),
    );
    await this.repository.addToSizes(workspaceId, current, new Date());
    return summary;
  }

  /**
   * Evaluates `profiles` and writes the difference with `existing` (the rows of the same
   * users, plus rows of users that no longer have a profile, which lose every segment).
   * Sizes are the caller's (deltas in the summary). Each written row keeps the newer of its
   * `dataAt` and `dataAt` (the change this evaluation is known to reflect).
   */
  async apply(
    workspaceId: string,
    segments: WorkspaceSegments,
    profiles: readonly ProfileDocument[],
    existing: readonly MembershipDocument[],
    alsoUsers: readonly string[] = [],
    dataAt?: Date,
  ): Promise<WriteSummary> {
    const now = new Date();
    const ids = [...segments.compiled.keys()];
    const list = [...segments.compiled.values()];
    const timeDependent = list
      .map((segment, index) => ({ segment, index }))
      .filter(({ segment }) => segment.timeDependent);
    const events = await eventsByUser(
      this.store,
      workspaceId,
      profiles.map((p) => p.userId),
      list,
    );
    const rows = new Map(existing.map((row) => [row.userId, row]));
    const computed = new Map<string, { segmentIds: string[]; nextChangeAt: Date | null }>();
    for (const profile of profiles) {
      const context = { profile, events: events.get(profile.userId) ?? [], now };
      const results = evaluateMany(list, context);
      const segmentIds = ids.filter((_, index) => results[index]).sort();
      let next: Date | null = null;
      for (const { segment } of timeDependent) {
        const at = nextChangeAt(segment, context);
        if (at && (next === null || at < next)) next = at;
      }
      computed.set(profile.userId, { segmentIds, nextChangeAt: next });
    }

    const upserts: MembershipDocument[] = [];
    const deletes: string[] = [];
    const changes: MembershipChangeDocument[] = [];
    const deltas = new Map<string, number>();
    const announcements: { userId: string; entered: string[]; exited: string[] }[] = [];
    const due: { userId: string; at: Date }[] = [];
    const users = new Set([...computed.keys(), ...rows.keys(), ...alsoUsers]);
    for (const userId of users) {
      const row = rows.get(userId);
      const now_ = computed.get(userId);
      const before = row?.segmentIds ?? [];
      const after = now_?.segmentIds ?? [];
      const entered = after.filter((id) => !before.includes(id));
      const exited = before.filter((id) => !after.includes(id));
      const next = now_?.nextChangeAt ?? null;
      const seen = newer(row?.dataAt ?? null, dataAt ?? null);
      if (!now_) {
        if (row) deletes.push(row._id);
      } else if (
        !row ||
        !sameIds(before, after) ||
        !sameTime(row.nextChangeAt ?? null, next) ||
        !sameTime(row.dataAt ?? null, seen)
      ) {
        upserts.push({
          _id: membershipKey(workspaceId, userId),
          workspaceId,
          userId,
          segmentIds: after,
          nextChangeAt: next,
          evaluatedAt: now,
          dataAt: seen,
        });
      }
      if (next && !sameTime(row?.nextChangeAt ?? null, next)) due.push({ userId, at: next });
      if (entered.length === 0 && exited.length === 0) continue;
      announcements.push({ userId, entered, exited });
      for (const [change, list_] of [
        ['entered', entered],
        ['exited', exited],
      ] as const) {
        for (const segmentId of list_) {
          deltas.set(segmentId, (deltas.get(segmentId) ?? 0) + (change === 'entered' ? 1 : -1));
          changes.push({
            // Deterministic: a page written again after a crash records the change once.
            _id: changeId(workspaceId, userId, segmentId, change, row?.evaluatedAt ?? null),
            workspaceId,
            segmentId,
            userId,
            change,
            at: now,
            segmentVersion: segments.versions.get(segmentId) ?? 0,
          });
        }
      }
    }

    // History first: if the process dies in between, the rows are not written, the page is
    // evaluated again and the same change ids are refused as duplicates.
    await this.repository.recordChanges(changes);
    await this.repository.writeMemberships(upserts, deletes);
    const at = now.toISOString();
    for (const { userId, entered, exited } of announcements) {
      await this.bus.emit('segment.membership.changed', {
        workspaceId,
        userId,
        entered,
        exited,
        at,
      });
    }
    for (const { userId, at: dueAt } of due)
      await this.queue.scheduleDue(workspaceId, userId, dueAt);
    return { evaluated: computed.size, changedUsers: announcements.length, deltas };
  }
}
