import { z } from 'zod';
import { eventContract, requestContract } from '../bus/contract';
import {
  experienceIdSchema,
  segmentIdSchema,
  userIdSchema,
  workspaceIdSchema,
} from '../common/ids';

export const experienceUpdatedEvent = z.object({
  workspaceId: workspaceIdSchema,
  experienceId: experienceIdSchema,
});

/**
 * One interaction, as the users service applies it to the profile. The
 * experiences service has already resolved "completing the last step counts
 * as completed" into `completed`.
 */
export const interactionRecordedEvent = z.object({
  workspaceId: workspaceIdSchema,
  userId: userIdSchema,
  experienceId: experienceIdSchema,
  type: z.enum(['seen', 'stepCompleted', 'completed', 'answered']),
  stepId: z.string().min(1).max(200).optional(),
  /** Answer values as strings (a number answer is sent as its decimal string). */
  values: z.array(z.string().max(1_000)).max(100).optional(),
  completed: z.boolean(),
  timestamp: z.iso.datetime(),
  messageId: z.string().min(1).max(200),
});
export type InteractionRecordedEvent = z.infer<typeof interactionRecordedEvent>;

const experienceRef = z.object({
  id: experienceIdSchema,
  name: z.string(),
  /** True when the experience lost its last segment and now targets nobody. */
  targetsNobody: z.boolean(),
});

/** What the segments service asks the experiences service (usage and safe deletion). */
export const experiencesSegmentRequests = {
  'experiences.segmentUsage.list': requestContract(
    'experiences',
    z.object({ workspaceId: workspaceIdSchema, segmentIds: z.array(segmentIdSchema).max(10_000) }),
    /** segment id → ids of experiences whose audience lists it (absent when unused). */
    z.object({ usedBy: z.record(z.string(), z.array(experienceIdSchema)) }),
  ),
  'experiences.segment.detach': requestContract(
    'experiences',
    z.object({ workspaceId: workspaceIdSchema, segmentId: segmentIdSchema }),
    z.object({ experiences: z.array(experienceRef) }),
  ),
};

export const experienceEvents = {
  'experience.updated': eventContract(experienceUpdatedEvent),
  'interaction.recorded': eventContract(interactionRecordedEvent),
};
