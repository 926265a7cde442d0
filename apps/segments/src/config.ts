import { baseEnvSchema } from '@seg/platform';
import { z } from 'zod';

export const segmentsEnvSchema = baseEnvSchema.extend({
  HOST: z.string().default('127.0.0.1'),
  /** "Apply filters": time after which a preview answers with an estimate (api.md). */
  PREVIEW_BUDGET_MS: z.coerce.number().int().min(1).max(60_000).default(800),
  /** Workspaces with at most this many users are previewed exactly, in one pass. */
  PREVIEW_EXACT_MAX_USERS: z.coerce.number().int().min(0).max(1_000_000).default(2_000),
});
export type SegmentsConfig = z.output<typeof segmentsEnvSchema>;

/** Port of this service's own /health endpoint. */
export const DEFAULT_HEALTH_PORT = 3002;
