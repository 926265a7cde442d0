import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { WorkspaceRepository } from '@seg/profile-store';
import type { Model } from 'mongoose';
import { PENDING_RECORD_MODEL, PendingRecordDocument } from './pending-record.schema';

@Injectable()
export class PendingRecordRepository extends WorkspaceRepository<PendingRecordDocument> {
  constructor(@InjectModel(PENDING_RECORD_MODEL) model: Model<PendingRecordDocument>) {
    super(model);
  }

  /** Replaces the kept copies of these records (two bulk round trips). */
  async keep(workspaceId: string, records: Omit<PendingRecordDocument, 'workspaceId'>[]) {
    if (records.length === 0) return;
    await this.deleteMany(workspaceId, { _id: { $in: records.map((record) => record._id) } });
    await this.writes.insertMany(records.map((record) => ({ ...record, workspaceId })) as never[], {
      ordered: false,
    });
  }

  async forget(workspaceId: string, ids: string[]): Promise<void> {
    if (ids.length > 0) await this.deleteMany(workspaceId, { _id: { $in: ids } });
  }

  all(workspaceId: string, provider: string): Promise<PendingRecordDocument[]> {
    return this.find(workspaceId, { provider });
  }
}
