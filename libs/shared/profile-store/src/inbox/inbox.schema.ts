import { Schema, Types } from 'mongoose';

export const INBOX_MODEL = 'InboxEntry';
export const INBOX_APPLIED_MODEL = 'InboxApplied';
export const INBOX_SWEEP_MODEL = 'InboxSweep';

/**
 * One accepted ingestion message, stored before the gateway answers 202. The
 * unique (workspaceId, messageId) index makes a repeated messageId a no-op.
 */
export interface InboxEntry {
  _id: Types.ObjectId;
  workspaceId: string;
  messageId: string;
  userId: string;
  type: string;
  receivedAt: Date;
  /**
   * The validated message as JSON text: stored verbatim (trait keys may hold dots,
   * which a stored field name should not) and parsed again when applied.
   */
  payload: string;
}

/** Insert-only marker: the entry with this `_id` has been applied to profiles/events. */
export interface InboxApplied {
  _id: Types.ObjectId;
  workspaceId: string;
  appliedAt: Date;
}

/** The sweep's progress: every entry received before `receivedBefore` is known applied. */
export interface InboxSweep {
  _id: string;
  receivedBefore: Date;
}

export const inboxSchema = new Schema<InboxEntry>(
  {
    workspaceId: { type: String, required: true },
    messageId: { type: String, required: true },
    userId: { type: String, required: true },
    type: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    payload: { type: String, required: true },
  },
  { collection: 'inbox', versionKey: false },
);
inboxSchema.index({ workspaceId: 1, messageId: 1 }, { unique: true });
inboxSchema.index({ receivedAt: 1 });

export const inboxAppliedSchema = new Schema<InboxApplied>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    workspaceId: { type: String, required: true },
    appliedAt: { type: Date, required: true },
  },
  { collection: 'inbox_applied', versionKey: false },
);

export const inboxSweepSchema = new Schema<InboxSweep>(
  {
    _id: { type: String, required: true },
    receivedBefore: { type: Date, required: true },
  },
  { collection: 'inbox_sweep', versionKey: false },
);
