import { z } from 'zod';
import { eventContract, requestContract } from '../bus/contract';
import { segmentIdSchema, userIdSchema, workspaceIdSchema } from '../common/ids';

export const segmentUpdatedEvent = z.object({
  workspaceId: workspaceIdSchema,
  segmentId: segmentIdSchema,
  version: z.number().int().min(1),
});
export const segmentDeletedEvent = z.object({
  workspaceId: workspaceIdSchema,
  segmentId: segmentIdSchema,
});

/** Cross-service contracts of the segments service (its CRUD contracts live beside them). */
export const segmentsMembershipRequests = {
  /**
   * Targeting: which of these segments contain this user right now, in one
   * round trip. Unknown segment ids are simply not in `memberOf`. `reusable`: no asked
   * segment can change with time alone (no relative window), so the answer stays true
   * until the user, the workspace's profiles or a segment change (events say when).
   */
  'segments.membership.check': requestContract(
    'segments',
    z.object({
      workspaceId: workspaceIdSchema,
      userId: userIdSchema,
      segmentIds: z.array(segmentIdSchema).max(1_000),
    }),
    z.object({ memberOf: z.array(segmentIdSchema), reusable: z.boolean() }),
  ),
};

export const segmentEvents = {
  'segment.updated': eventContract(segmentUpdatedEvent),
  'segment.deleted': eventContract(segmentDeletedEvent),
};
