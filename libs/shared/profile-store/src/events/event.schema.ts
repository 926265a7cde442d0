import { Schema } from 'mongoose';
import type { EventDocument } from '@seg/segment-engine';

export const EVENT_MODEL = 'Event';
export const EVENTS_COLLECTION = 'events';

/**
 * The `events` collection in the segment engine's `EventDocument` shape. The `_id` is
 * the inbox entry's id, so re-applying a message never stores its event twice.
 */
/** An event as stored: the engine's document plus its user's `sampleBucket` (see StoredProfile). */
export type StoredEventDocument = EventDocument & { sampleBucket?: number };

export const eventSchema = new Schema<StoredEventDocument>(
  {
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    source: { type: String, required: true },
    name: { type: String, required: true },
    timestamp: { type: Date, required: true },
    properties: { type: Schema.Types.Mixed, default: {} },
    // The user's sample bucket (see StoredProfile): a bucket is its users with their events.
    sampleBucket: { type: Number, default: undefined },
  },
  { collection: EVENTS_COLLECTION, versionKey: false, minimize: false, strict: false },
);

// The engine's event pipelines: $match { workspaceId, source, name, timestamp } then $group by userId.
eventSchema.index({ workspaceId: 1, source: 1, name: 1, timestamp: -1 });
// One-user evaluation: a user's events of one name.
eventSchema.index({ workspaceId: 1, userId: 1, source: 1, name: 1, timestamp: -1 });
// The preview's event pipelines, one sample bucket at a time (with source and name pushed down
// too on FerretDB, whose GIN twins serve any subset of an index's fields).
eventSchema.index({ workspaceId: 1, sampleBucket: 1, source: 1, name: 1, timestamp: -1 });
