import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@seg/profile-store';
import type { AnyBulkWriteOperation, Model } from 'mongoose';
import {
  DAILY_SIZE_MODEL,
  DailySizeDocument,
  MEMBERSHIP_CHANGE_MODEL,
  MEMBERSHIP_MODEL,
  MembershipChangeDocument,
  MembershipDocument,
  RECOMPUTE_MODEL,
  RecomputeDocument,
  SEGMENT_STATE_MODEL,
  SegmentStateDocument,
} from './read-model.schemas';

/**
 * FerretDB holds one PostgreSQL connection per operation of an update command (pool of 50):
 * bulk writes go in chunks well below that.
 */
const WRITE_CHUNK = 8;

/**
 * FerretDB v1.24 holds one PostgreSQL connection per operation of an update command until the
 * command ends, out of a pool of 50 shared by every process (ferretdb.md): commands whose
 * operations add up to ~50 wait on each other for ever. The users service's writes take up to
 * ~38 of them (profile updates, sync pages), so the read model's bulk writes go one at a time
 * in this process, 8 operations each (the chaos suite hung FerretDB with 20-op commands from
 * several jobs at once).
 */
let writing: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = writing.then(work, work);
  writing = run.catch(() => undefined);
  return run;
}

export interface ChangeCursor {
  at: Date;
  id: string;
}

/**
 * The membership read model's collections. Every filter starts with top-level equalities
 * (`_id`, or `workspaceId` plus `segmentIds`/`segmentId`/`userId`), the part FerretDB pushes
 * down. The segments service reads; the segments worker is the only writer.
 */
@Injectable()
export class ReadModelRepository {
  constructor(
    @InjectModel(MEMBERSHIP_MODEL) private readonly memberships: Model<MembershipDocument>,
    @InjectModel(SEGMENT_STATE_MODEL) private readonly stateModel: Model<SegmentStateDocument>,
    @InjectModel(RECOMPUTE_MODEL) private readonly recomputes: Model<RecomputeDocument>,
    @InjectModel(MEMBERSHIP_CHANGE_MODEL)
    private readonly changes: Model<MembershipChangeDocument>,
    @InjectModel(DAILY_SIZE_MODEL) private readonly dailySizeModel: Model<DailySizeDocument>,
  ) {}

  // ---- reads ----

  async membership(workspaceId: string, key: string): Promise<MembershipDocument | null> {
    const found = await this.memberships.findById(key).lean<MembershipDocument>().exec();
    return found && found.workspaceId === workspaceId ? found : null;
  }

  async membershipsOf(workspaceId: string, keys: readonly string[]): Promise<MembershipDocument[]> {
    const found = await Promise.all(keys.map((key) => this.membership(workspaceId, key)));
    return found.filter((doc): doc is MembershipDocument => doc !== null);
  }

  /** The rows of users in `(after, upTo]` (upTo null: to the end), any order. */
  async membershipsInRange(
    workspaceId: string,
    after: string | null,
    upTo: string | null,
  ): Promise<MembershipDocument[]> {
    const range: Record<string, string> = {};
    if (after !== null) range.$gt = after;
    if (upTo !== null) range.$lte = upTo;
    const filter = Object.keys(range).length ? { workspaceId, userId: range } : { workspaceId };
    return this.memberships.find(filter).lean<MembershipDocument[]>().exec();
  }

  /** Members of a segment after `after`, in userId order. */
  async members(
    workspaceId: string,
    segmentId: string,
    after: string | undefined,
    limit: number,
  ): Promise<string[]> {
    const filter: Record<string, unknown> = { workspaceId, segmentIds: segmentId };
    if (after !== undefined) filter.userId = { $gt: after };
    const rows = await this.memberships
      .find(filter, { userId: 1 })
      .sort({ userId: 1 })
      .limit(limit)
      .lean<{ userId: string }[]>()
      .exec();
    return rows.map((row) => row.userId);
  }

  /** Every member of a segment, in no order (an edit's impact: only the userId is read). */
  async memberIds(workspaceId: string, segmentId: string): Promise<string[]> {
    const rows = await this.memberships
      .find({ workspaceId, segmentIds: segmentId }, { userId: 1 })
      .lean<{ userId: string }[]>()
      .exec();
    return rows.map((row) => row.userId);
  }

  countMembers(workspaceId: string, segmentId: string): Promise<number> {
    return this.memberships.countDocuments({ workspaceId, segmentIds: segmentId }).exec();
  }

  states(workspaceId: string): Promise<SegmentStateDocument[]> {
    return this.stateModel.find({ workspaceId }).lean<SegmentStateDocument[]>().exec();
  }

  async state(workspaceId: string, segmentId: string): Promise<SegmentStateDocument | null> {
    const found = await this.stateModel.findById(segmentId).lean<SegmentStateDocument>().exec();
    return found && found.workspaceId === workspaceId ? found : null;
  }

  recompute(workspaceId: string): Promise<RecomputeDocument | null> {
    return this.recomputes.findById(workspaceId).lean<RecomputeDocument>().exec();
  }

  /** Every workspace with a checkpoint (the worker's start-up looks for unfinished ones). */
  allRecomputes(): Promise<RecomputeDocument[]> {
    return this.recomputes.find({}).lean<RecomputeDocument[]>().exec();
  }

  /**
   * The users of a workspace whose membership of some segment can change by time alone
   * before `before` (their `nextChangeAt`), in userId order: the only ones a forecast needs to
   * evaluate. Only the userId is read.
   */
  async changingBefore(workspaceId: string, before: Date): Promise<string[]> {
    const rows = await this.memberships
      .find({ workspaceId, nextChangeAt: { $ne: null, $lte: before } }, { userId: 1 })
      .sort({ userId: 1 })
      .lean<{ userId: string }[]>()
      .exec();
    return rows.map((row) => row.userId);
  }

  /** Users whose `nextChangeAt` has passed (the worker's safety net for lost delayed jobs). */
  async dueUsers(before: Date, limit: number): Promise<MembershipDocument[]> {
    return this.memberships
      .find({ nextChangeAt: { $lte: before } })
      .limit(limit)
      .lean<MembershipDocument[]>()
      .exec();
  }

  /** Changes, newest first, of one segment or one user, after the cursor. */
  async changesPage(
    workspaceId: string,
    by: { segmentId: string } | { userId: string },
    after: ChangeCursor | undefined,
    limit: number,
  ): Promise<MembershipChangeDocument[]> {
    const filter: Record<string, unknown> = { workspaceId, ...by };
    if (after) {
      filter.$or = [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }];
    }
    return this.changes
      .find(filter)
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .lean<MembershipChangeDocument[]>()
      .exec();
  }

  async dailySizes(
    workspaceId: string,
    segmentId: string,
    fromDay: string,
  ): Promise<{ day: string; size: number }[]> {
    const rows = await this.dailySizeModel
      .find({ workspaceId, segmentId, day: { $gte: fromDay } })
      .lean<DailySizeDocument[]>()
      .exec();
    return rows
      .map(({ day, size }) => ({ day, size }))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  // ---- writes (segments worker only) ----

  async writeMemberships(
    upserts: readonly MembershipDocument[],
    deletes: readonly string[],
  ): Promise<void> {
    const ops: AnyBulkWriteOperation<MembershipDocument>[] = [
      ...upserts.map((doc) => ({
        replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true },
      })),
      ...deletes.map((key) => ({ deleteOne: { filter: { _id: key } } })),
    ];
    for (let i = 0; i < ops.length; i += WRITE_CHUNK) {
      await oneAtATime(() =>
        this.memberships.bulkWrite(ops.slice(i, i + WRITE_CHUNK), { ordered: false }),
      );
    }
  }

  async recordChanges(changes: readonly MembershipChangeDocument[]): Promise<void> {
    if (changes.length === 0) return;
    try {
      await this.changes.insertMany(changes, { ordered: false });
    } catch (error) {
      // Recorded already by a run that died before writing the rows (ids are deterministic).
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Adds to segment sizes (one writer: a read-modify-write is safe) and records the day's size. */
  async addToSizes(
    workspaceId: string,
    deltas: ReadonlyMap<string, number>,
    now: Date,
  ): Promise<void> {
    const changed = [...deltas].filter(([, delta]) => delta !== 0);
    if (changed.length === 0) return;
    const sizes = new Map<string, number>();
    for (const [segmentId, delta] of changed) {
      const state = await this.state(workspaceId, segmentId);
      const size = Math.max(0, (state?.size ?? 0) + delta);
      sizes.set(segmentId, size);
      await this.stateModel
        .updateOne(
          { _id: segmentId },
          {
            $set: { size, updatedAt: now },
            $setOnInsert: { workspaceId, deps: {} },
          },
          { upsert: true },
        )
        .exec();
    }
    await this.writeDailySizes(workspaceId, sizes, now);
  }

  /** A recomputation finished: each segment's deps and exact size. */
  async completeStates(
    workspaceId: string,
    states: ReadonlyMap<string, { deps: Record<string, number>; size: number }>,
    now: Date,
  ): Promise<void> {
    const ops: AnyBulkWriteOperation<SegmentStateDocument>[] = [...states].map(
      ([segmentId, { deps, size }]) => ({
        replaceOne: {
          filter: { _id: segmentId },
          replacement: { _id: segmentId, workspaceId, deps, size, updatedAt: now },
          upsert: true,
        },
      }),
    );
    for (let i = 0; i < ops.length; i += WRITE_CHUNK) {
      await oneAtATime(() =>
        this.stateModel.bulkWrite(ops.slice(i, i + WRITE_CHUNK), { ordered: false }),
      );
    }
    await this.writeDailySizes(
      workspaceId,
      new Map([...states].map(([id, { size }]) => [id, size])),
      now,
    );
    // States of segments that no longer exist.
    for (const state of await this.states(workspaceId)) {
      if (!states.has(state._id)) await this.stateModel.deleteOne({ _id: state._id }).exec();
    }
  }

  async saveRecompute(doc: RecomputeDocument): Promise<void> {
    await this.recomputes.replaceOne({ _id: doc._id }, doc, { upsert: true }).exec();
  }

  async deleteRecompute(workspaceId: string, jobId: string): Promise<void> {
    await this.recomputes.deleteOne({ _id: workspaceId, jobId }).exec();
  }

  /** Removes history older than `before` (retention). */
  async pruneHistory(before: Date): Promise<number> {
    const day = before.toISOString().slice(0, 10);
    const [changes] = await Promise.all([
      this.changes.deleteMany({ at: { $lt: before } }).exec(),
      this.dailySizeModel.deleteMany({ day: { $lt: day } }).exec(),
    ]);
    return changes.deletedCount;
  }

  private async writeDailySizes(
    workspaceId: string,
    sizes: ReadonlyMap<string, number>,
    now: Date,
  ): Promise<void> {
    const day = now.toISOString().slice(0, 10);
    const ops: AnyBulkWriteOperation<DailySizeDocument>[] = [...sizes].map(([segmentId, size]) => ({
      replaceOne: {
        filter: { _id: `${segmentId}:${day}` },
        replacement: { _id: `${segmentId}:${day}`, workspaceId, segmentId, day, size },
        upsert: true,
      },
    }));
    for (let i = 0; i < ops.length; i += WRITE_CHUNK) {
      await oneAtATime(() =>
        this.dailySizeModel.bulkWrite(ops.slice(i, i + WRITE_CHUNK), { ordered: false }),
      );
    }
  }
}
