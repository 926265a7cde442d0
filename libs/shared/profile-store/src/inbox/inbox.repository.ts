import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, mongo, Types } from 'mongoose';
import { WorkspaceRepository } from '../base/workspace-repository';
import { RetriedWrites } from '../base/retried-writes';
import { mapConcurrently } from '../util/concurrently';
import {
  INBOX_APPLIED_MODEL,
  INBOX_MODEL,
  INBOX_SWEEP_MODEL,
  InboxApplied,
  InboxEntry,
  InboxSweep,
} from './inbox.schema';

const WATERMARK_ID = 'watermark';

/**
 * The ingestion inbox. Everything here is insert-only except the one sweep
 * watermark: on FerretDB's SQLite backend an insert costs the same whatever the
 * collection's size, while an update or delete scans the collection.
 */
@Injectable()
export class InboxRepository extends WorkspaceRepository<InboxEntry> {
  constructor(
    @InjectModel(INBOX_MODEL) model: Model<InboxEntry>,
    @InjectModel(INBOX_APPLIED_MODEL) private readonly applied: Model<InboxApplied>,
    @InjectModel(INBOX_SWEEP_MODEL) private readonly sweep: Model<InboxSweep>,
  ) {
    super(model);
    this.appliedWrites = new RetriedWrites(applied.collection);
    this.sweepWrites = new RetriedWrites(sweep.collection);
  }

  private readonly appliedWrites: RetriedWrites<mongo.Document>;
  private readonly sweepWrites: RetriedWrites<mongo.Document>;

  /** Stores new entries; answers those stored (a repeated messageId is left out). */
  async accept(
    workspaceId: string,
    entries: Omit<InboxEntry, 'workspaceId' | '_id'>[],
  ): Promise<InboxEntry[]> {
    const documents: InboxEntry[] = entries.map((entry) => ({
      ...entry,
      _id: new Types.ObjectId(),
      workspaceId,
    }));
    const duplicates = await this.writes.insertNew(documents);
    return documents.filter((_, index) => !duplicates.has(index));
  }

  /** Marks entries applied (insert-only; marking twice is harmless). */
  async markApplied(workspaceId: string, ids: Types.ObjectId[]): Promise<void> {
    if (ids.length === 0) return;
    const appliedAt = new Date();
    const documents = ids.map((_id) => ({ _id, workspaceId, appliedAt }));
    await this.appliedWrites.insertNew(documents);
  }

  /**
   * The sweep (a system task across workspaces, the one unscoped read here):
   * entries received in [watermark, before) with no applied marker, oldest first.
   */
  async findUnapplied(
    before: Date,
    limit: number,
  ): Promise<{ entries: InboxEntry[]; scanned: number; from: Date; lastReceivedAt?: Date }> {
    const from = await this.watermark();
    const candidates = (await this.model
      .find({ receivedAt: { $gte: from, $lt: before } })
      .sort({ receivedAt: 1 })
      .limit(limit)
      .lean()
      .exec()) as InboxEntry[];
    if (candidates.length === 0) return { entries: [], scanned: 0, from };
    const applied = await this.applied
      .find({ _id: { $in: candidates.map((entry) => entry._id) } }, { _id: 1 })
      .lean()
      .exec();
    const done = new Set(applied.map((marker) => String(marker._id)));
    return {
      entries: candidates.filter((entry) => !done.has(String(entry._id))),
      scanned: candidates.length,
      from,
      lastReceivedAt: candidates[candidates.length - 1]?.receivedAt,
    };
  }

  /**
   * Which of these entries have an applied marker: one `_id` equality read each (pushed
   * down on FerretDB, where `$in` decodes the whole collection). Not a hot path.
   */
  async appliedIds(ids: Types.ObjectId[]): Promise<Set<string>> {
    const found = await mapConcurrently(ids, 8, (_id) =>
      this.applied.findById(_id, { _id: 1 }).lean().exec(),
    );
    return new Set(found.flatMap((marker) => (marker ? [String(marker._id)] : [])));
  }

  /** Stored entries by messageId (one equality read each, as `appliedIds`). */
  async findByMessageIds(workspaceId: string, messageIds: string[]): Promise<InboxEntry[]> {
    const found = await mapConcurrently(messageIds, 8, (messageId) =>
      this.findOne(workspaceId, { messageId }),
    );
    return found.filter((entry): entry is InboxEntry => entry !== null);
  }

  async watermark(): Promise<Date> {
    const state = await this.sweep.findById(WATERMARK_ID).lean().exec();
    return state?.receivedBefore ?? new Date(0);
  }

  async advanceWatermark(receivedBefore: Date): Promise<void> {
    await this.sweepWrites.updateOne(
      { _id: WATERMARK_ID } as Record<string, unknown>,
      { $max: { receivedBefore } },
      { upsert: true },
    );
  }
}
