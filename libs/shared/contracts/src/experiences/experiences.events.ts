import { z } from 'zod';
import { eventContract } from '../bus/contract';
import { experienceIdSchema, userIdSchema, workspaceIdSchema } from '../common/ids';

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

export const experienceEvents = {
  'experience.updated': eventContract(experienceUpdatedEvent),
  'interaction.recorded': eventContract(interactionRecordedEvent),
};
