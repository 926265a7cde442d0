import {
  experienceIdSchema,
  experienceSchema,
  targetedExperienceSchema,
  userIdSchema,
} from '@seg/contracts';
import { z } from 'zod';

/** Response bodies of the experience endpoints (OpenAPI); requests use the contracts' schemas. */
export const experienceListResponse = z.object({
  experiences: z.array(experienceSchema),
  nextCursor: z.string().nullable(),
});

export const deletedExperienceResponse = z.object({
  id: experienceIdSchema,
  deleted: z.literal(true),
});

export const recordedInteractionResponse = z.object({
  messageId: z.string(),
  duplicate: z.boolean().describe('True when this messageId was already recorded'),
  completed: z.boolean().describe('True when this interaction completes the experience'),
});

export const targetedExperiencesResponse = z.object({
  experiences: z.array(targetedExperienceSchema),
});

export const userIdParam = userIdSchema;
