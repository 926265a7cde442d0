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
   * round trip. Unknown segment ids are simply not in `memberOf`.
   */
  'segments.membership.check': requestContract(
    'segments',
    z.object({
      workspaceId: workspaceIdSchema,
      userId: userIdSchema,
      segmentIds: z.array(segmentIdSchema).max(1_000),
    }),
    z.object({ memberOf: z.array(segmentIdSchema) }),
  ),
};

export const segmentEvents = {
  'segment.updated': eventContract(segmentUpdatedEvent),
  'segment.deleted': eventContract(segmentDeletedEvent),
};
