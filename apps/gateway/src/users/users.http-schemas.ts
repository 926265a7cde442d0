import { tagsSchema, userIdSchema, userProfileSchema, userSegmentView } from '@seg/contracts';
import { z } from 'zod';

export const listUsersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1_000).default(50),
  cursor: z.string().min(1).max(2_000).optional(),
});

export const userIdParams = z.object({ userId: userIdSchema });

export const tagsBody = z.object({ tags: tagsSchema });

/**
 * GET /v1/users/:userId: the users service's profile plus the segments service's answer.
 * When the segments service cannot answer, `segments` is omitted and `segmentsError` says
 * why, rather than failing the whole profile.
 */
export const userProfileResponse = userProfileSchema.extend({
  segments: z.array(userSegmentView).optional(),
  segmentsError: z.literal('unavailable').optional(),
});
export type UserProfileResponse = z.infer<typeof userProfileResponse>;
