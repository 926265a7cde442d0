import type { CatalogEntry, SegmentRules } from '@seg/segment-engine';
import { Schema } from 'mongoose';

export const SEGMENT_MODEL = 'Segment';

export interface SegmentEdit {
  version: number;
  at: Date;
  by?: string;
}

/** How many edits a segment keeps. */
export const SEGMENT_EDITS_KEPT = 100;

/** A segment as stored. `_id` is the `seg_…` id. */
export interface SegmentDocument {
  _id: string;
  workspaceId: string;
  name: string;
  /** `name` lower-cased: names are unique per workspace, ignoring case (unique index). */
  nameKey: string;
  description?: string;
  rules: SegmentRules;
  /** Ids of the segments the rules reference directly (who-references-whom, indexed). */
  references: string[];
  /**
   * Catalog types of the custom attributes the rules use, fixed at save time (a key's
   * type never changes), so compiling for targeting needs no catalog read.
   */
  attributeTypes: CatalogEntry[];
  version: number;
  /**
   * Each saved version (the last 100): when, and the dashboard account that saved it (absent:
   * an API key). Absent on segments saved before the log existed.
   */
  edits?: SegmentEdit[];
  createdAt: Date;
  updatedAt: Date;
}

export const SegmentSchema = new Schema<SegmentDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    description: { type: String },
    rules: { type: Schema.Types.Mixed, required: true },
    references: { type: [String], default: [] },
    attributeTypes: { type: Schema.Types.Mixed, default: [] },
    version: { type: Number, required: true },
    edits: { type: Schema.Types.Mixed },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'segments', versionKey: false, minimize: false },
);
SegmentSchema.index({ workspaceId: 1, nameKey: 1 }, { unique: true });
// Listing in creation order, paged by (createdAt, _id).
SegmentSchema.index({ workspaceId: 1, createdAt: 1, _id: 1 });
// "Which segments reference this one" (safe deletion, usedBy).
SegmentSchema.index({ workspaceId: 1, references: 1 });
