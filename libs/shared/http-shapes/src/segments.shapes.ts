import {
  filterCountsView,
  previewCountView,
  rulesCheckView,
  segmentCountView,
  segmentForecastView,
  segmentIdSchema,
  segmentHistoryView,
  segmentImpactView,
  userSegmentHistoryView,
  segmentDeletedView,
  segmentListItemView,
  segmentMemberView,
  segmentPreviewView,
  segmentView,
  segmentWrittenView,
} from '@seg/contracts';
import { z } from 'zod';

/**
 * `POST /v1/segments`, `PUT /v1/segments/:id`, `POST /v1/segments/preview`: only required to
 * be a JSON object here. The segments service validates a body as a whole (rules against the
 * live attribute catalog) so that one 400 names every offending path; `*SegmentDoc` below
 * describes the same bodies for OpenAPI.
 */
export const segmentBody = z.record(z.string(), z.unknown());

/** Every list's `limit` and `cursor` (`GET /v1/segments`, `/v1/users`, `/v1/experiences`, members): one schema. */
export { pageQuery } from '@seg/contracts';

/**
 * `DELETE /v1/segments/:id?confirm=true` detaches the segment from the experiences using it;
 * `&replaceWith=seg_…` puts that segment in its place in those experiences, in the same step.
 */
export const segmentDeleteQuery = z.strictObject({
  confirm: z.enum(['true', 'false']).default('false'),
  replaceWith: segmentIdSchema.optional(),
});

// For the OpenAPI document only (the rule language: shared/spec/segments.md).
const rulesDoc = z
  .object({
    type: z.literal('group'),
    operator: z.enum(['and', 'or']),
    conditions: z.array(z.record(z.string(), z.unknown())),
  })
  .describe('The root group; conditions: attribute, customAttribute, experience, event, segment');

/** Documentation of `segmentBody` on create (not what validates it: see `segmentBody`). */
export const createSegmentDoc = z.object({
  name: z.string().min(1).max(120),
  description: z.string().max(1_000).optional(),
  rules: rulesDoc,
});
/** Documentation of `segmentBody` on update: any of the create fields. */
export const updateSegmentDoc = createSegmentDoc.partial();
/** Documentation of `segmentBody` on preview. */
export const previewSegmentDoc = z.object({
  rules: rulesDoc,
  limit: z.number().int().min(1).max(1_000).optional(),
  cursor: z.string().optional(),
});

/** Documentation of the body of `POST /v1/segments/:id/impact`: the edited rules. */
export const segmentImpactDoc = z.object({ rules: rulesDoc });

/** Documentation of the body of `POST /v1/segments/validate`. */
export const validateRulesDoc = z.object({
  rules: rulesDoc,
  segmentId: z.string().optional().describe('The segment being edited: its cycles are errors'),
});

export const segmentResponse = segmentView;
/** A segment as created or updated, with its lint `warnings` (never errors). */
export const segmentWrittenResponse = segmentWrittenView;
/** `POST /v1/segments/validate`: the rules' errors (as a save's 400 would name them) and warnings. */
export const rulesCheckResponse = rulesCheckView;
export const segmentListResponse = z.object({
  segments: z.array(segmentListItemView),
  nextCursor: z.string().nullable(),
});
export const segmentMembersResponse = z.object({
  users: z.array(segmentMemberView),
  nextCursor: z.string().nullable(),
});
/**
 * `exact: false`: `count` is an estimate with a 95% `interval` ([low, high] integers, present
 * exactly when `exact` is false); `countId` names the exact count. `interval` is left out of
 * this documented shape: openapi-fetch types a tuple as `number[]`, which the dashboard's
 * hand-written `[number, number]` (apps/dashboard/src/api/paths.ts) cannot take; the bus
 * contract (`segmentPreviewView`) validates it.
 */
export const segmentPreviewResponse = segmentPreviewView
  .omit({ interval: true })
  .describe('exact: false adds interval: [low, high] (95%, integers) and countId');
/** Documentation of the body of `POST /v1/segments/filter-counts`. */
export const filterCountsDoc = z.object({ rules: rulesDoc });
/**
 * `POST /v1/segments/filter-counts`: per node of the rules (by path), its count alone and the
 * running total of its group, `emptiedBy`, and the preview's `exact` / `scanned` rules.
 */
export const filterCountsResponse = filterCountsView;
/** `GET /v1/segments/counts/:countId`: a preview's background count. */
export const previewCountResponse = previewCountView;
/**
 * From the membership read model: `status` `ready` (`count` as of `asOf`), or `computing`
 * with `progress` 0–1 while a recomputation runs (`count` then evaluated at `asOf`).
 */
export const segmentCountResponse = segmentCountView;
/** `GET /v1/segments/:id/history?limit=&cursor=`: sizes per day, changes newest first. */
export const segmentHistoryResponse = segmentHistoryView;
/** `GET /v1/segments/:id/forecast`: members leaving, users joining by time alone (24 h, 7 days). */
export const segmentForecastResponse = segmentForecastView;
/**
 * `POST /v1/segments/:id/impact`: who would join and leave (count, a few userIds) and each
 * experience using the segment's reach before → after; `exact: false` marks estimates.
 */
export const segmentImpactResponse = segmentImpactView;
/** `GET /v1/users/:userId/segments/history?limit=&cursor=`: newest first. */
export const userSegmentHistoryResponse = userSegmentHistoryView;
export const segmentExplainResponse = z.object({
  member: z.boolean(),
  explanation: z
    .record(z.string(), z.unknown())
    .describe(
      'Each node of the rules with its result; a time-relative condition also has `changesAt`, when its result changes with no new data (null: never)',
    ),
  nextChangeAt: z.iso
    .datetime()
    .nullable()
    .describe(
      'When this membership changes by time alone (a relative window expiring); null: never',
    ),
});
export const deletedSegmentResponse = segmentDeletedView;
