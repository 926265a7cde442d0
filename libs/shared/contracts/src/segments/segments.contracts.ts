import { z } from 'zod';
import { requestContract } from '../bus/contract';
import { pageQuery } from '../paging/page-query';
import {
  experienceIdSchema,
  segmentIdSchema,
  userIdSchema,
  workspaceIdSchema,
} from '../common/ids';
import { experiencesRequests } from '../experiences/experiences.contracts';

/**
 * A segment id as it arrives from a URL: any short string, so that a malformed
 * id answers 404 (unknown segment) rather than 400.
 */
const segmentRef = z.string().min(1).max(200);
/** The dashboard account that saved (absent when an API key did). */
const editorRef = z.string().min(1).max(100).optional();

/**
 * The body of a create / update / preview, passed through as received: the
 * segments service validates it as a whole (name, description and rules, the
 * latter against the live attribute catalog) so that one 400 names every
 * offending path (`name`, `rules.conditions[2].operator`, …).
 */
export const segmentBodySchema = z.record(z.string(), z.unknown());

/** The rules tree as stored and answered (validated by the segment engine on write). */
export const segmentRulesView = z.object({
  type: z.literal('group'),
  operator: z.enum(['and', 'or']),
  conditions: z.array(z.unknown()),
});

export const segmentView = z.object({
  id: segmentIdSchema,
  name: z.string(),
  description: z.string().optional(),
  rules: segmentRulesView,
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SegmentView = z.infer<typeof segmentView>;

/**
 * A lint warning about valid rules (never an error): the condition or group it is about, a
 * code (the segment engine's `LintCode`) and what to tell the author.
 */
export const lintWarningView = z.object({
  path: z.string(),
  code: z.enum([
    'contradiction',
    'alwaysTrue',
    'alwaysFalse',
    'duplicate',
    'emptyValue',
    'broadNegation',
    'unseenValue',
    'staleAttribute',
    'emptySegment',
  ]),
  message: z.string(),
  /** Other conditions the warning involves (the other half of a contradiction). */
  related: z.array(z.string()).optional(),
});
export type LintWarningView = z.infer<typeof lintWarningView>;

/** A segment as created or updated: its lint warnings come with it. */
export const segmentWrittenView = segmentView.extend({ warnings: z.array(lintWarningView) });

/** `POST /v1/segments/validate`: the rules' errors (the 400 details a save would give) and warnings. */
export const rulesCheckView = z.object({
  valid: z.boolean(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
  warnings: z.array(lintWarningView),
});

export const segmentListItemView = segmentView.extend({
  /** Experiences whose audience lists this segment. */
  usedBy: z.array(experienceIdSchema),
  /** Segments whose rules reference this one (it cannot be deleted while any do). */
  referencedBy: z.array(segmentIdSchema),
  /** Members, from the membership read model (see `sizeStatus`). */
  size: z.number().int().min(0),
  /** `computing` while a recomputation of this segment runs: `size` is then not final. */
  sizeStatus: z.enum(['ready', 'computing', 'failed']),
});
export type SegmentListItemView = z.infer<typeof segmentListItemView>;

/** A user as listed by preview and members. */
export const segmentMemberView = z.object({
  userId: userIdSchema,
  name: z.string().nullable(),
  email: z.string().nullable(),
  lastActivityAt: z.iso.datetime().nullable(),
});
export type SegmentMemberView = z.infer<typeof segmentMemberView>;

const segmentMemberPage = z.object({
  users: z.array(segmentMemberView),
  nextCursor: z.string().nullable(),
});

/**
 * "Preview at any size" (api.md): `exact` when every user was evaluated; otherwise `count` is
 * an estimate from the share `scanned` (0–1) of users evaluated, with a 95% `interval`, and
 * `countId` names the exact count that goes on in the background.
 */
export const segmentPreviewView = segmentMemberPage.extend({
  count: z.number().int().min(0),
  warnings: z.array(lintWarningView),
  exact: z.boolean(),
  scanned: z.number().min(0).max(1),
  interval: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
  countId: z.string().optional(),
});

/** A background count of a preview (`GET /v1/segments/counts/:countId`). */
export const previewCountView = z.object({
  status: z.enum(['running', 'done', 'failed']),
  scanned: z.number().min(0).max(1),
  /** The exact count once `done`; meanwhile the estimate from what was scanned so far. */
  count: z.number().int().min(0),
  exact: z.boolean(),
});

/**
 * One node of draft rules in `POST /v1/segments/filter-counts`: `path` as validation details
 * and lint warnings name it (`rules`, `rules.conditions[1].conditions[0]`); `count`, the users
 * it matches on its own; `runningTotal`, the users matching its group's operator over the
 * group's items 1..k (k: this one); the root's is its count. Estimates when `exact` is false.
 */
export const filterCountView = z.object({
  path: z.string(),
  kind: z.enum(['group', 'condition']),
  count: z.number().int().min(0),
  runningTotal: z.number().int().min(0),
  /** 95% interval of `count`, when it is an estimate. */
  interval: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
});

/**
 * Per-filter counts of draft rules, within the preview's time budget: `exact` when every user
 * was evaluated, otherwise every figure is an estimate from the share `scanned` (0–1) of users
 * (sample buckets, as the preview). `emptiedBy`: the path of the filter (or group) that empties
 * the segment, null when the segment has members (see the segments service's README).
 */
export const filterCountsView = z.object({
  /** Users of the workspace (an estimate when not exact). */
  users: z.number().int().min(0),
  filters: z.array(filterCountView),
  emptiedBy: z.string().nullable(),
  exact: z.boolean(),
  scanned: z.number().min(0).max(1),
  asOf: z.iso.datetime(),
});

const detachedExperienceList =
  experiencesRequests['experiences.segment.detach'].response.shape.experiences;

export const segmentDeletedView = z.object({
  id: segmentIdSchema,
  deleted: z.literal(true),
  /** Experiences that dropped the reference (`targetsNobody` when it was their last segment). */
  experiences: detachedExperienceList,
});

/**
 * A saved segment's count from the membership read model. `ready`: `count` is the read model's
 * size as of `asOf`; `computing`: a recomputation runs (`progress` 0–1) and `count` is evaluated
 * now; `failed`: the last recomputation gave up (it is retried), `count` evaluated now.
 */
export const segmentCountView = z.object({
  count: z.number().int().min(0),
  asOf: z.iso.datetime(),
  status: z.enum(['ready', 'computing', 'failed']),
  progress: z.number().min(0).max(1).optional(),
});

/** One recorded entry into, or exit from, a segment. */
export const membershipChangeView = z.object({
  segmentId: segmentIdSchema,
  userId: userIdSchema,
  change: z.enum(['entered', 'exited']),
  at: z.iso.datetime(),
  segmentVersion: z.number().int().min(0),
});
export type MembershipChangeView = z.infer<typeof membershipChangeView>;

/** One saved version of a segment: when, and by which dashboard account (absent: an API key). */
export const segmentEditView = z.object({
  version: z.number().int().min(1),
  at: z.iso.datetime(),
  by: z.string().optional(),
});

/** Size at the end of each day (UTC) that had a change, oldest first, within the retention. */
export const segmentHistoryView = z.object({
  sizes: z.array(z.object({ day: z.iso.date(), size: z.number().int().min(0) })),
  /** The segment's saved versions within the retention, oldest first (at least the current one). */
  edits: z.array(segmentEditView),
  /** Newest first. */
  changes: z.array(membershipChangeView),
  nextCursor: z.string().nullable(),
});

/** Members who leave, and users who join, by time alone (relative windows) within a horizon. */
const forecastWindow = z.object({
  leave: z.number().int().min(0),
  join: z.number().int().min(0),
});
export const segmentForecastView = z.object({
  asOf: z.iso.datetime(),
  /** False when the segment has no relative window: time alone changes nobody. */
  timeDependent: z.boolean(),
  next24h: forecastWindow,
  next7d: forecastWindow,
  /**
   * True when every user that can change was evaluated; false: `evaluated` of `candidates`
   * within the time budget, and the figures scaled from them (an estimate).
   */
  exact: z.boolean(),
  candidates: z.number().int().min(0),
  evaluated: z.number().int().min(0),
});

/** Who an edit would add or remove: how many, and a few of them (userIds in order). */
const impactSide = z.object({
  count: z.number().int().min(0),
  sample: z.array(userIdSchema),
});

/**
 * `POST /v1/segments/:id/impact`: what saving these rules would change, before saving — the
 * users who would join and leave, and each experience using the segment's reach before → after.
 */
export const segmentImpactView = z.object({
  join: impactSide,
  leave: impactSide,
  experiences: z.array(
    z.object({
      id: experienceIdSchema,
      name: z.string(),
      status: z.enum(['draft', 'published']),
      /** Users in at least one of its segments now. */
      before: z.number().int().min(0),
      /** The same with this segment's members replaced by the draft's. */
      after: z.number().int().min(0),
    }),
  ),
  /**
   * True when every user was evaluated; false: the draft was evaluated on the share `scanned`
   * of the users (sample buckets) within the preview's time budget and the figures are
   * estimates scaled from it.
   */
  exact: z.boolean(),
  scanned: z.number().min(0).max(1),
  asOf: z.iso.datetime(),
});

export const userSegmentHistoryView = z.object({
  changes: z.array(membershipChangeView),
  nextCursor: z.string().nullable(),
});

/** A segment a user is in, as listed on the user's profile. */
export const userSegmentView = z.object({ id: segmentIdSchema, name: z.string() });
export type UserSegmentView = z.infer<typeof userSegmentView>;

/** One audience as the read model counts it: every user, or the users in at least one segment. */
export const overlapAudienceSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('all') }),
  z.object({ mode: z.literal('segments'), segmentIds: z.array(segmentIdSchema).max(1_000) }),
]);
export type OverlapAudience = z.output<typeof overlapAudienceSchema>;

/**
 * An audience measured against the membership read model (`segment_memberships`): `total`
 * users in it; per selected segment its `members` and what it `adds` (members in no other
 * selected segment); per other audience (by `key`) the users in both. `status` is `ready`
 * when every segment involved has been fully computed from its current definition; otherwise
 * `computing` (`progress` 0–1) or `failed`, `pending` lists the segments not ready and the
 * figures are the read model as it stands (`estimated: true`); `counting`: the read model is
 * still being read (no figures yet: zeros, `estimated`).
 */
export const audienceOverlapCountsView = z.object({
  total: z.number().int().min(0),
  segments: z.array(
    z.object({
      id: segmentIdSchema,
      name: z.string(),
      members: z.number().int().min(0),
      adds: z.number().int().min(0),
    }),
  ),
  others: z.array(z.object({ key: z.string(), overlap: z.number().int().min(0) })),
  status: z.enum(['ready', 'computing', 'failed', 'counting']),
  progress: z.number().min(0).max(1).optional(),
  pending: z.array(segmentIdSchema),
  estimated: z.boolean(),
  asOf: z.iso.datetime(),
});

/**
 * Requests answered by the segments service: its CRUD behind the gateway's /v1/segments API,
 * and the membership and existence questions other services ask.
 */
export const segmentsRequests = {
  'segments.segment.create': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, body: segmentBodySchema, editedBy: editorRef }),
    segmentWrittenView,
  ),
  /** Checks draft rules (of a new segment, or of `segmentId` being edited): errors and warnings. */
  'segments.rules.validate': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, body: segmentBodySchema }),
    rulesCheckView,
  ),
  'segments.segment.list': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, ...pageQuery.shape }),
    z.object({ segments: z.array(segmentListItemView), nextCursor: z.string().nullable() }),
  ),
  'segments.segment.get': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, segmentId: segmentRef }),
    segmentView,
  ),
  'segments.segment.update': requestContract(
    'segments',
    z.object({
      workspaceId: workspaceIdSchema,
      segmentId: segmentRef,
      body: segmentBodySchema,
      editedBy: editorRef,
    }),
    segmentWrittenView,
  ),
  'segments.segment.delete': requestContract(
    'segments',
    z.object({
      workspaceId: workspaceIdSchema,
      segmentId: segmentRef,
      confirm: z.boolean(),
      /** Put this segment in the deleted one's place in the experiences using it. */
      replaceWith: segmentIdSchema.optional(),
    }),
    segmentDeletedView,
  ),
  'segments.segment.preview': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, body: segmentBodySchema }),
    segmentPreviewView,
  ),
  /** `POST /v1/segments/filter-counts`: each node of draft rules, its count and running total. */
  'segments.filters.count': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, body: segmentBodySchema }),
    filterCountsView,
  ),
  /** A preview's background count; any short id, so that a malformed one answers 404. */
  'segments.count.get': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, countId: z.string().min(1).max(200) }),
    previewCountView,
  ),
  'segments.members.list': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, segmentId: segmentRef, ...pageQuery.shape }),
    segmentMemberPage,
  ),
  'segments.members.count': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, segmentId: segmentRef }),
    segmentCountView,
  ),
  /** `GET /v1/segments/:id/history`: sizes per day and entered/exited changes, paged. */
  'segments.segment.history': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, segmentId: segmentRef, ...pageQuery.shape }),
    segmentHistoryView,
  ),
  /** `GET /v1/segments/:id/forecast`: who leaves or joins by time alone in 24 h and 7 days. */
  'segments.segment.forecast': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, segmentId: segmentRef }),
    segmentForecastView,
  ),
  /** `POST /v1/segments/:id/impact`: join / leave and experiences' reach of draft rules. */
  'segments.segment.impact': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, segmentId: segmentRef, body: segmentBodySchema }),
    segmentImpactView,
  ),
  /** `GET /v1/users/:userId/segments/history`: the user's entered/exited changes, paged. */
  'segments.user.history': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, userId: userIdSchema, ...pageQuery.shape }),
    userSegmentHistoryView,
  ),
  'segments.member.explain': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, segmentId: segmentRef, userId: userIdSchema }),
    /**
     * `explanation`: the segment engine's ExplainNode tree (time-relative conditions carry
     * `changesAt`); `nextChangeAt`: when membership changes by time alone (null: never).
     */
    z.object({
      member: z.boolean(),
      explanation: z.record(z.string(), z.unknown()),
      nextChangeAt: z.iso.datetime().nullable(),
    }),
  ),
  /**
   * Every segment of the workspace this user is in now (GET /v1/users/:userId), sorted by
   * name. Users without a profile, and segments that do not compile, are in nothing.
   */
  'segments.membership.ofUser': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, userId: userIdSchema }),
    z.object({ segments: z.array(userSegmentView) }),
  ),
  /**
   * Targeting: which of these segments contain this user right now, in one
   * round trip. Unknown segment ids are simply not in `memberOf`. `reusable`: no asked
   * segment can change with time alone (no relative window), so the answer stays true
   * until the user, the workspace's profiles or a segment change (events say when).
   * `validUntil` (only when not `reusable`): no asked segment changes with time alone before
   * that instant (the user's next flip, from the read model), so the answer may be kept
   * until then under the same events; absent: not at all.
   */
  'segments.membership.check': requestContract(
    'segments',
    z.object({
      workspaceId: workspaceIdSchema,
      userId: userIdSchema,
      segmentIds: z.array(segmentIdSchema).max(1_000),
    }),
    z.object({
      memberOf: z.array(segmentIdSchema),
      reusable: z.boolean(),
      validUntil: z.iso.datetime().optional(),
    }),
  ),
  /**
   * Audience overlap (asked by the experiences service): an audience and the other audiences
   * to compare it with, counted from the membership read model. Unknown selected segment ids
   * are a 400 on `audience.segmentIds[i]`; unknown ids in `others` count as empty.
   */
  'segments.audience.overlap': requestContract(
    'segments',
    z.object({
      workspaceId: workspaceIdSchema,
      audience: overlapAudienceSchema,
      others: z
        .array(z.object({ key: z.string().min(1).max(200), audience: overlapAudienceSchema }))
        .max(10_000),
    }),
    audienceOverlapCountsView,
  ),
  /**
   * Asked by the experiences service when an audience is saved: which of these ids are
   * not segments of the workspace.
   */
  'segments.segment.exists': requestContract(
    'segments',
    z.object({ workspaceId: workspaceIdSchema, segmentIds: z.array(segmentIdSchema).max(1_000) }),
    z.object({ missing: z.array(segmentIdSchema) }),
  ),
};
