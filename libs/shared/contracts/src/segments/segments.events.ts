import { z } from 'zod';
import { eventContract } from '../bus/contract';
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

/**
 * A user entered or left segments (api.md, "Membership events"): emitted by the segments
 * worker when the membership read model changes, once per user and evaluation.
 */
export const segmentMembershipChangedEvent = z.object({
  workspaceId: workspaceIdSchema,
  userId: userIdSchema,
  entered: z.array(segmentIdSchema),
  exited: z.array(segmentIdSchema),
  at: z.iso.datetime({ offset: true }),
});
export type SegmentMembershipChangedEvent = z.infer<typeof segmentMembershipChangedEvent>;

export const segmentEvents = {
  'segment.updated': eventContract(segmentUpdatedEvent),
  'segment.deleted': eventContract(segmentDeletedEvent),
  'segment.membership.changed': eventContract(segmentMembershipChangedEvent),
};
