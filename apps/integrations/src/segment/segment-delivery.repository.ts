import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError, WorkspaceRepository } from '@seg/profile-store';
import type { Model } from 'mongoose';
import { SEGMENT_DELIVERY_MODEL, SegmentDeliveryDocument } from './segment-delivery.schema';

@Injectable()
export class SegmentDeliveryRepository extends WorkspaceRepository<SegmentDeliveryDocument> {
  constructor(@InjectModel(SEGMENT_DELIVERY_MODEL) model: Model<SegmentDeliveryDocument>) {
    super(model);
  }

  /** Stores new deliveries in one round trip; answers the ids that were new (not duplicates). */
  async insertNew(
    workspaceId: string,
    deliveries: Omit<SegmentDeliveryDocument, 'workspaceId'>[],
  ): Promise<string[]> {
    if (deliveries.length === 0) return [];
    const ids = deliveries.map((delivery) => delivery._id);
    const existing = new Set(
      (await this.find(workspaceId, { _id: { $in: ids } })).map((found) => found._id),
    );
    const fresh = deliveries.filter((delivery) => !existing.has(delivery._id));
    if (fresh.length === 0) return [];
    try {
      await this.model.insertMany(
        fresh.map((delivery) => ({ ...delivery, workspaceId })),
        { ordered: false },
      );
      return fresh.map((delivery) => delivery._id);
    } catch (error) {
      // A concurrent delivery of the same messageId: keep only what this call inserted.
      const inserted = (error as { insertedDocs?: Array<{ _id: string }> }).insertedDocs;
      if (!isDuplicateKeyError(error) || !inserted) throw error;
      return inserted.map((document) => document._id);
    }
  }

  pending(workspaceId: string, ids: string[]): Promise<SegmentDeliveryDocument[]> {
    return this.find(
      workspaceId,
      { _id: { $in: ids }, appliedAt: null },
      { sort: { receivedAt: 1 } },
    );
  }

  async markApplied(workspaceId: string, ids: string[], errors: Map<string, string>) {
    const now = new Date();
    await this.bulkWrite(
      workspaceId,
      ids.map((id) => ({
        updateOne: {
          filter: { _id: id },
          update: {
            $set: { appliedAt: now, ...(errors.has(id) ? { error: errors.get(id) } : {}) },
          },
        },
      })),
    );
  }
}
