import { Schema } from 'mongoose';
import type { EventSource } from '@seg/segment-engine';

export const EVENT_CATALOG_MODEL = 'EventCatalogEntry';

/** One event name of a workspace per source, with its count and when it was last seen. */
export interface EventCatalogEntry {
  workspaceId: string;
  source: EventSource;
  name: string;
  count: number;
  lastSeenAt: Date;
}

export const eventCatalogSchema = new Schema<EventCatalogEntry>(
  {
    workspaceId: { type: String, required: true },
    source: { type: String, required: true },
    name: { type: String, required: true },
    count: { type: Number, default: 0 },
    lastSeenAt: { type: Date, required: true },
  },
  { collection: 'event_catalog', versionKey: false },
);

eventCatalogSchema.index({ workspaceId: 1, source: 1, name: 1 }, { unique: true });
