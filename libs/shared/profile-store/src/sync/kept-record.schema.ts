import { Schema } from 'mongoose';
import type { AttributeObject } from '@seg/segment-engine';

export const KEPT_RECORD_MODEL = 'KeptVendorRecord';

/**
 * A vendor record (HubSpot contact, Customer.io person) with no user yet, its values
 * already normalised: applied by the users service as soon as a user it matches is
 * identified (Customer.io by `userId`, then by `email`; HubSpot by `email`, lowercased),
 * or by a later run. `_id`: `<workspaceId>.<provider>.<externalId>`.
 */
export interface KeptRecordDocument {
  _id: string;
  workspaceId: string;
  provider: 'hubspot' | 'customerio';
  userId: string | null;
  /** Trimmed and lowercased. */
  email: string | null;
  attributes: AttributeObject;
  updatedAt: Date;
}

export const KeptRecordSchema = new Schema<KeptRecordDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    provider: { type: String, required: true },
    userId: { type: String, default: null },
    email: { type: String, default: null },
    attributes: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  // The collection the sync workers kept them in before the users service took them over.
  { collection: 'integration_pending_records', versionKey: false, minimize: false },
);
KeptRecordSchema.index({ workspaceId: 1, provider: 1 });
KeptRecordSchema.index({ workspaceId: 1, email: 1 });
KeptRecordSchema.index({ workspaceId: 1, userId: 1 });
