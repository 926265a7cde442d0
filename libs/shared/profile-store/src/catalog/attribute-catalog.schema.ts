import { Schema } from 'mongoose';
import type { CustomSource, ValueType } from '@seg/segment-engine';

export const ATTRIBUTE_CATALOG_MODEL = 'AttributeCatalogEntry';

/** One custom attribute of a workspace: ONE type per (source, key), decided once. */
export interface AttributeCatalogEntry {
  workspaceId: string;
  source: CustomSource;
  key: string;
  type: ValueType;
  /** A few distinct normalised values, for the dashboard's filter builder. */
  sampleValues: unknown[];
  /** Values that could not be normalised to `type` (kept in `rejected_values`). */
  rejectedCount: number;
  createdAt: Date;
}

export const MAX_SAMPLE_VALUES = 5;

export const attributeCatalogSchema = new Schema<AttributeCatalogEntry>(
  {
    workspaceId: { type: String, required: true },
    source: { type: String, required: true },
    key: { type: String, required: true },
    type: { type: String, required: true },
    sampleValues: { type: [Schema.Types.Mixed], default: [] },
    rejectedCount: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
  },
  { collection: 'attribute_catalog', versionKey: false },
);

// First writer decides the type: concurrent first values race on this unique index.
attributeCatalogSchema.index({ workspaceId: 1, source: 1, key: 1 }, { unique: true });
