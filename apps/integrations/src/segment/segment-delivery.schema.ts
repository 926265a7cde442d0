import { Schema } from 'mongoose';

export const SEGMENT_DELIVERY_MODEL = 'SegmentDelivery';

/**
 * A Segment.io message as received, stored before it is applied (the webhook
 * answers fast; a worker applies). `_id` = workspace + messageId: the dedupe key.
 */
export interface SegmentDeliveryDocument {
  _id: string;
  workspaceId: string;
  messageId: string;
  type: string;
  message: Record<string, unknown>;
  receivedAt: Date;
  appliedAt: Date | null;
  /** Why it could not be applied (kept for inspection). */
  error?: string;
}

export const SegmentDeliverySchema = new Schema<SegmentDeliveryDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    messageId: { type: String, required: true },
    type: { type: String, required: true },
    message: { type: Schema.Types.Mixed, required: true },
    receivedAt: { type: Date, required: true },
    appliedAt: { type: Date, default: null },
    error: { type: String },
  },
  { collection: 'integration_segment_deliveries', versionKey: false, minimize: false },
);
SegmentDeliverySchema.index({ workspaceId: 1, appliedAt: 1 });

export function deliveryId(workspaceId: string, messageId: string): string {
  return `${workspaceId}.${messageId}`;
}
