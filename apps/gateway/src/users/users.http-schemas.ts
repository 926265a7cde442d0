import { tagsSchema, userIdSchema } from '@seg/contracts';
import { z } from 'zod';

export const listUsersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1_000).default(50),
  cursor: z.string().min(1).max(2_000).optional(),
});

export const userIdParams = z.object({ userId: userIdSchema });

export const tagsBody = z.object({ tags: tagsSchema });
