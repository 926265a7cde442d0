import {
  segmentDeletedView,
  segmentListItemView,
  segmentMemberView,
  segmentView,
} from '@seg/contracts';
import { z } from 'zod';

/**
 * Request parts the gateway checks itself. Segment bodies are only required to be JSON
 * objects here: the segments service validates them as a whole (rules against the live
 * attribute catalog) so that one 400 names every offending path.
 */
export const segmentBody = z.record(z.string(), z.unknown());

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(50),
  cursor: z.string().min(1).max(2_000).optional(),
});

export const deleteQuery = z.strictObject({
  confirm: z.enum(['true', 'false']).default('false'),
});

// For the OpenAPI document only (the rule language: shared/spec/segments.md).
const rulesDoc = z
  .object({
    type: z.literal('group'),
    operator: z.enum(['and', 'or']),
    conditions: z.array(z.record(z.string(), z.unknown())),
  })
  .describe('The root group; conditions: attribute, customAttribute, experience, event, segment');

export const createSegmentDoc = z.object({
  name: z.string().min(1).max(120),
  description: z.string().max(1_000).optional(),
  rules: rulesDoc,
});
export const updateSegmentDoc = createSegmentDoc.partial();
export const previewDoc = z.object({
  rules: rulesDoc,
  limit: z.number().int().min(1).max(1_000).optional(),
  cursor: z.string().optional(),
});

export const segmentResponse = segmentView;
export const segmentListResponse = z.object({
  segments: z.array(segmentListItemView),
  nextCursor: z.string().nullable(),
});
export const membersResponse = z.object({
  users: z.array(segmentMemberView),
  nextCursor: z.string().nullable(),
});
export const previewResponse = membersResponse.extend({ count: z.number().int() });
export const countResponse = z.object({ count: z.number().int() });
export const explainResponse = z.object({
  member: z.boolean(),
  explanation: z.record(z.string(), z.unknown()).describe('Each node of the rules with its result'),
});
export const deletedResponse = segmentDeletedView;
