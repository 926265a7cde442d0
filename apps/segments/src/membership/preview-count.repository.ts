import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { WorkspaceRepository } from '@seg/profile-store';
import { Model, Schema } from 'mongoose';

export const PREVIEW_COUNT_MODEL = 'PreviewCount';

/** A preview's background count (`GET /v1/segments/counts/:countId`). */
export interface PreviewCountDocument {
  /** `cnt_` and 16 hex digits. */
  _id: string;
  workspaceId: string;
  status: 'running' | 'done' | 'failed';
  /** Sample buckets the preview evaluated and the members it found; 100 and the count once done. */
  bucketsScanned: number;
  found: number;
  createdAt: Date;
  /** A `running` count not updated for a while was lost with its process. */
  updatedAt: Date;
}

export const PreviewCountSchema = new Schema<PreviewCountDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    status: { type: String, required: true },
    bucketsScanned: { type: Number, required: true },
    found: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'preview_counts', versionKey: false },
);
// Read by `_id` only; old counts are removed by workspace and age.
PreviewCountSchema.index({ workspaceId: 1, createdAt: 1 });

/** Background counts of previews, scoped by workspace. */
@Injectable()
export class PreviewCountRepository extends WorkspaceRepository<PreviewCountDocument> {
  constructor(@InjectModel(PREVIEW_COUNT_MODEL) model: Model<PreviewCountDocument>) {
    super(model);
  }

  async findById(workspaceId: string, id: string): Promise<PreviewCountDocument | null> {
    return this.findOne(workspaceId, { _id: id });
  }

  /** A running count is alive: refreshes `updatedAt`. */
  async touch(workspaceId: string, id: string): Promise<void> {
    await this.updateOne(
      workspaceId,
      { _id: id, status: 'running' },
      { $set: { updatedAt: new Date() } },
    );
  }

  async progress(
    workspaceId: string,
    id: string,
    set: Pick<PreviewCountDocument, 'status' | 'bucketsScanned' | 'found'>,
  ): Promise<void> {
    await this.updateOne(workspaceId, { _id: id }, { $set: { ...set, updatedAt: new Date() } });
  }
}
