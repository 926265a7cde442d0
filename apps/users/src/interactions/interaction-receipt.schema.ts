import { Schema } from 'mongoose';

export const INTERACTION_RECEIPT_MODEL = 'InteractionReceipt';

/** Insert-only marker: the interaction with this messageId has been applied to the profile. */
export interface InteractionReceipt {
  workspaceId: string;
  messageId: string;
  userId: string;
  appliedAt: Date;
}

export const interactionReceiptSchema = new Schema<InteractionReceipt>(
  {
    workspaceId: { type: String, required: true },
    messageId: { type: String, required: true },
    userId: { type: String, required: true },
    appliedAt: { type: Date, required: true },
  },
  { collection: 'interaction_receipts', versionKey: false },
);
interactionReceiptSchema.index({ workspaceId: 1, messageId: 1 }, { unique: true });
