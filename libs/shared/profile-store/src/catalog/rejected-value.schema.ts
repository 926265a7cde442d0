import { Schema } from 'mongoose';
import type { CustomSource, ValueType } from '@seg/segment-engine';

export const REJECTED_VALUE_MODEL = 'RejectedValue';

/** A value kept aside: it could not be normalised to its attribute's catalog type. */
export interface RejectedValue {
  workspaceId: string;
  userId: string;
  source: CustomSource;
  key: string;
  expectedType: ValueType | 'object';
  /** The raw value as JSON text (it may hold what the store cannot, e.g. nested arrays). */
  value: string;
  reason: string;
  messageId: string;
  at: Date;
}

export const rejectedValueSchema = new Schema<RejectedValue>(
  {
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    source: { type: String, required: true },
    key: { type: String, required: true },
    expectedType: { type: String, required: true },
    value: { type: String },
    reason: { type: String, required: true },
    messageId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'rejected_values', versionKey: false },
);

rejectedValueSchema.index({ workspaceId: 1, source: 1, key: 1, at: -1 });
