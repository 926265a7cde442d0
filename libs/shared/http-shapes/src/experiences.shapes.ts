import {
  audienceOverlapInput,
  audienceOverlapSchema,
  createExperienceInput,
  experienceIdSchema,
  experienceSchema,
  experienceStatsSchema,
  recordInteractionInput,
  targetedExperienceSchema,
  updateExperienceInput,
  userIdSchema,
} from '@seg/contracts';
import { z } from 'zod';

// The bodies and the experience itself travel on the bus unchanged: the contracts define them.

/** `POST /v1/experiences`. */
export const createExperienceBody = createExperienceInput;
/** `PUT /v1/experiences/:id`: any of the create fields, at least one. */
export const updateExperienceBody = updateExperienceInput;

export const experienceResponse = experienceSchema;
export const experienceListResponse = z.object({
  experiences: z.array(experienceSchema),
  nextCursor: z.string().nullable(),
});

export const deletedExperienceResponse = z.object({
  id: experienceIdSchema,
  deleted: z.literal(true),
});

/** `GET /v1/experiences/:id/stats`: users who saw, completed, answered; answers per question. */
export const experienceStatsResponse = experienceStatsSchema;

/** `POST /v1/interactions` (SDK): seen, stepCompleted, completed, answered. */
export const recordInteractionBody = recordInteractionInput;

export const recordedInteractionResponse = z.object({
  messageId: z.string(),
  duplicate: z.boolean().describe('True when this messageId was already recorded'),
  completed: z.boolean().describe('True when this interaction completes the experience'),
});

/** `:userId` of `GET /v1/users/:userId/experiences` (SDK), validated on its own. */
export const userIdParam = userIdSchema;

export const targetedExperiencesResponse = z.object({
  experiences: z.array(targetedExperienceSchema),
});

/**
 * `POST /v1/experiences/audience-overlap`: `{ audience, experienceId? }` (a draft's audience
 * as edited; the experience, if saved, is left out of the comparison).
 */
export const audienceOverlapBody = audienceOverlapInput;
/** What each selected segment adds, and the overlap with every other published experience. */
export const audienceOverlapResponse = audienceOverlapSchema;
