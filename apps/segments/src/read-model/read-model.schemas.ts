import { Schema } from 'mongoose';

export const MEMBERSHIP_MODEL = 'SegmentMembership';
export const SEGMENT_STATE_MODEL = 'SegmentState';
export const RECOMPUTE_MODEL = 'SegmentRecompute';
export const MEMBERSHIP_CHANGE_MODEL = 'SegmentMembershipChange';
export const DAILY_SIZE_MODEL = 'SegmentDailySize';

/**
 * One user's row of the read model: the segments the user is in, as the one-user evaluator
 * answered at `evaluatedAt`. Written by the segments worker only (one writer per document).
 */
export interface MembershipDocument {
  /** `<workspaceId>:<userId>` (workspace ids hold no `:`): reads and writes by primary key. */
  _id: string;
  workspaceId: string;
  userId: string;
  segmentIds: string[];
  /** Earliest instant one of the user's time-dependent segments can flip by time alone. */
  nextChangeAt: Date | null;
  evaluatedAt: Date;
  /**
   * The newest change of the user's data this row is known to reflect: the `at` of the latest
   * `user.updated` / `profiles.synced` whose job evaluated it (users-service clock, carried as
   * is). Targeting trusts the row only when it is not older than the newest change it heard
   * of (`membership/membership-freshness.ts`). Null: none seen since the row was created.
   */
  dataAt?: Date | null;
}

export const membershipKey = (workspaceId: string, userId: string) => `${workspaceId}:${userId}`;

export const MembershipSchema = new Schema<MembershipDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    segmentIds: { type: [String], default: [] },
    nextChangeAt: { type: Date, default: null },
    evaluatedAt: { type: Date, required: true },
    dataAt: { type: Date, default: null },
  },
  { collection: 'segment_memberships', versionKey: false, minimize: false },
);
// Members of a segment by userId: `{ workspaceId, segmentIds: id }` is top-level equality
// (an array holding the id), which FerretDB pushes down; MongoDB walks the multikey index in
// userId order.
MembershipSchema.index({ workspaceId: 1, segmentIds: 1, userId: 1 });
// A recomputation's page: the rows of a userId range of the workspace.
MembershipSchema.index({ workspaceId: 1, userId: 1 });

/** Per segment: what the read model was last fully computed from, and its size. */
export interface SegmentStateDocument {
  /** The segment id. */
  _id: string;
  workspaceId: string;
  /**
   * Versions of the segment and of every segment it references when its last recomputation
   * started. Ready when they all equal the current versions.
   */
  deps: Record<string, number>;
  size: number;
  updatedAt: Date;
}

export const SegmentStateSchema = new Schema<SegmentStateDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    deps: { type: Schema.Types.Mixed, required: true },
    size: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'segment_states', versionKey: false, minimize: false },
);
SegmentStateSchema.index({ workspaceId: 1 });

/** The checkpoint of a workspace's running recomputation (at most one per workspace). */
export interface RecomputeDocument {
  /** The workspace id. */
  _id: string;
  workspaceId: string;
  jobId: string;
  /** The segment versions it evaluates (`id:version`, sorted), plus the forcing job id. */
  signature: string;
  /** Last userId done (null: none yet). */
  cursor: string | null;
  processed: number;
  total: number;
  /** The job gave up after its last attempt (a newer job, or the worker's start, retries). */
  failed: boolean;
  startedAt: Date;
  updatedAt: Date;
}

export const RecomputeSchema = new Schema<RecomputeDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    jobId: { type: String, required: true },
    signature: { type: String, required: true },
    cursor: { type: String, default: null },
    processed: { type: Number, required: true },
    total: { type: Number, required: true },
    failed: { type: Boolean, default: false },
    startedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'segment_recomputes', versionKey: false },
);

/** One entry into, or exit from, a segment (history, kept for the retention). */
export interface MembershipChangeDocument {
  _id: string;
  workspaceId: string;
  segmentId: string;
  userId: string;
  change: 'entered' | 'exited';
  at: Date;
  segmentVersion: number;
}

export const MembershipChangeSchema = new Schema<MembershipChangeDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    segmentId: { type: String, required: true },
    userId: { type: String, required: true },
    change: { type: String, required: true },
    at: { type: Date, required: true },
    segmentVersion: { type: Number, required: true },
  },
  { collection: 'segment_membership_changes', versionKey: false },
);
MembershipChangeSchema.index({ workspaceId: 1, segmentId: 1, at: -1, _id: -1 });
MembershipChangeSchema.index({ workspaceId: 1, userId: 1, at: -1, _id: -1 });
// Retention: the worker removes changes older than MEMBERSHIP_HISTORY_DAYS.
MembershipChangeSchema.index({ at: 1 });

/** A segment's size at the end of a day (UTC), rewritten by each change that day. */
export interface DailySizeDocument {
  /** `<segmentId>:<YYYY-MM-DD>`. */
  _id: string;
  workspaceId: string;
  segmentId: string;
  day: string;
  size: number;
}

export const DailySizeSchema = new Schema<DailySizeDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    segmentId: { type: String, required: true },
    day: { type: String, required: true },
    size: { type: Number, required: true },
  },
  { collection: 'segment_daily_sizes', versionKey: false },
);
DailySizeSchema.index({ workspaceId: 1, segmentId: 1, day: 1 });

export const READ_MODEL_SCHEMAS = [
  { name: MEMBERSHIP_MODEL, schema: MembershipSchema },
  { name: SEGMENT_STATE_MODEL, schema: SegmentStateSchema },
  { name: RECOMPUTE_MODEL, schema: RecomputeSchema },
  { name: MEMBERSHIP_CHANGE_MODEL, schema: MembershipChangeSchema },
  { name: DAILY_SIZE_MODEL, schema: DailySizeSchema },
];
