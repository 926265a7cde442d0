import { Schema } from 'mongoose';
import type { ProfileDocument } from '@seg/segment-engine';

export const PROFILE_MODEL = 'Profile';
export const PROFILES_COLLECTION = 'profiles';

/**
 * A profile's `_id`: `<workspaceId>/<userId>` (a workspace id never contains `/`, so
 * the key is unambiguous). One-user reads and writes go by `_id` because FerretDB
 * serves `_id` equality from its primary key but scans for other fields.
 */
export function profileKey(workspaceId: string, userId: string): string {
  return `${workspaceId}/${userId}`;
}

/**
 * A profile as stored: the engine's document plus its `_id` key and the user's
 * `sampleBucket` (`sampleBucket(workspaceId, userId)` of the segment engine, 0–99; set on
 * every insert, and by `SampleBucketBackfill` on documents written before it existed).
 */
export type StoredProfile = ProfileDocument & { _id: string; sampleBucket?: number };

/**
 * The `profiles` collection, one document per (workspace, userId), in exactly the
 * segment engine's `ProfileDocument` shape. Writes go through the driver (no casting).
 */
export const profileSchema = new Schema<StoredProfile>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    name: { type: String, default: undefined },
    email: { type: String, default: undefined },
    createdAt: { type: Date, required: true },
    lastActivityAt: { type: Date, required: true },
    sessions: { type: Number, required: true },
    tags: { type: [String], default: [] },
    custom: { type: Schema.Types.Mixed, default: {} },
    interactions: { type: Schema.Types.Mixed, default: undefined },
    experiences: { type: Schema.Types.Mixed, required: true },
    sampleBucket: { type: Number, default: undefined },
  },
  { collection: PROFILES_COLLECTION, versionKey: false, minimize: false, strict: false },
);

// One user per workspace; also the one-user lookup of targeting and GET /v1/users/:userId.
profileSchema.index({ workspaceId: 1, userId: 1 }, { unique: true });
// GET /v1/users paging (newest activity first) and date conditions on lastActivityAt.
profileSchema.index({ workspaceId: 1, lastActivityAt: -1, userId: 1 });
// Segment pipelines: native attribute conditions and the members' order by userId.
profileSchema.index({ workspaceId: 1, createdAt: 1 });
profileSchema.index({ workspaceId: 1, email: 1 });
profileSchema.index({ workspaceId: 1, tags: 1 });
// The preview's slices: one sample bucket of the workspace's users (a GIN twin on FerretDB).
profileSchema.index({ workspaceId: 1, sampleBucket: 1 });
