import { baseEnvSchema } from '@seg/platform';
import { z } from 'zod';

export const segmentsEnvSchema = baseEnvSchema.extend({
  HOST: z.string().default('127.0.0.1'),
  /** "Apply filters": time after which a preview answers with an estimate (api.md). */
  PREVIEW_BUDGET_MS: z.coerce.number().int().min(1).max(60_000).default(800),
  /** Workspaces with at most this many users are previewed exactly, in one pass. */
  PREVIEW_EXACT_MAX_USERS: z.coerce.number().int().min(0).max(1_000_000).default(2_000),
  /** Membership history (entered/exited changes, sizes per day) is kept this many days. */
  MEMBERSHIP_HISTORY_DAYS: z.coerce.number().int().min(1).max(3_650).default(90),
  /** Users per page of a recomputation (one lock, one write batch, one checkpoint each). */
  RECOMPUTE_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Membership jobs the worker runs at once (one recomputation per workspace at a time). */
  MEMBERSHIP_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  /** BullMQ lock: a worker that dies mid-job loses it after this; another one resumes it. */
  MEMBERSHIP_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Attempts of a membership job (exponential backoff between them). */
  MEMBERSHIP_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  MEMBERSHIP_BACKOFF_MS: z.coerce.number().int().min(1).default(1_000),
});
export type SegmentsConfig = z.output<typeof segmentsEnvSchema>;

/** Port of this service's own /health endpoint. */
export const DEFAULT_HEALTH_PORT = 3002;
/** Port of the segments worker's own /health endpoint. */
export const DEFAULT_WORKER_HEALTH_PORT = 3006;
