import { Schema } from 'mongoose';
import type { AttributeObject } from '@seg/segment-engine';

export const PENDING_RECORD_MODEL = 'IntegrationPendingRecord';

/** A vendor record with no user yet: applied by a later run once its user exists. */
export interface PendingRecordDocument {
  _id: string;
  workspaceId: string;
  provider: string;
  userId: string | null;
  email: string | null;
  attributes: AttributeObject;
  updatedAt: Date;
}

export const PendingRecordSchema = new Schema<PendingRecordDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    provider: { type: String, required: true },
    userId: { type: String, default: null },
    email: { type: String, default: null },
    attributes: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'integration_pending_records', versionKey: false, minimize: false },
);
PendingRecordSchema.index({ workspaceId: 1, provider: 1 });
