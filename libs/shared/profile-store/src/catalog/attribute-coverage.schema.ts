import { Schema } from 'mongoose';
import type { CustomSource } from '@seg/segment-engine';

export const ATTRIBUTE_COVERAGE_MODEL = 'AttributeCoverage';

/** How many users have a value for one attribute (native: `source` null). */
export interface AttributeCoverageCount {
  source: CustomSource | null;
  key: string;
  users: number;
}

/**
 * One workspace's attribute coverage, counted in one pass over its profiles (the users
 * service's background recount) and replaced whole by the next one: `asOf` is when the pass
 * started, so a write after it may not be counted yet.
 */
export interface AttributeCoverageSnapshot {
  _id: string;
  workspaceId: string;
  asOf: Date;
  /** The workspace's profiles in that pass. */
  users: number;
  attributes: AttributeCoverageCount[];
  /** How long the pass took. */
  tookMs: number;
}

export const attributeCoverageSchema = new Schema<AttributeCoverageSnapshot>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    asOf: { type: Date, required: true },
    users: { type: Number, required: true },
    attributes: { type: Schema.Types.Mixed, default: [] },
    tookMs: { type: Number, default: 0 },
  },
  { collection: 'attribute_coverage', versionKey: false, minimize: false },
);
