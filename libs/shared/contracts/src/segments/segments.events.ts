import { z } from 'zod';
import { eventContract } from '../bus/contract';
import { segmentIdSchema, workspaceIdSchema } from '../common/ids';

export const segmentUpdatedEvent = z.object({
  workspaceId: workspaceIdSchema,
  segmentId: segmentIdSchema,
  version: z.number().int().min(1),
});
export const segmentDeletedEvent = z.object({
  workspaceId: workspaceIdSchema,
  segmentId: segmentIdSchema,
});

export const segmentEvents = {
  'segment.updated': eventContract(segmentUpdatedEvent),
  'segment.deleted': eventContract(segmentDeletedEvent),
};
