import { baseEnvSchema } from '@seg/platform';
import { z } from 'zod';

export const usersEnvSchema = baseEnvSchema.extend({
  HOST: z.string().default('127.0.0.1'),
  /** Sync pages written at once by this instance (each page's writes are bounded too). */
  SYNC_PAGE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(4),
  /**
   * How old an inbox entry with no applied marker must be before the sweep appends it
   * again (it may still be on its way to its partition until then).
   */
  INBOX_SWEEP_GRACE_MS: z.coerce.number().int().min(1_000).default(60_000),
  /**
   * Attribute coverage (`GET /v1/attributes`): a workspace written to since its last count is
   * counted again (one pass over its profiles, in the background) once that count is 20 times
   * its own duration old, and at least this old.
   */
  COVERAGE_REFRESH_MS: z.coerce.number().int().min(1_000).default(10_000),
  /** How often the attributes written lately have their `lastWrittenAt` stored. */
  ATTRIBUTE_WRITES_FLUSH_MS: z.coerce.number().int().min(100).default(2_000),
});
export type UsersConfig = z.output<typeof usersEnvSchema>;

/** Port of this service's own /health endpoint. */
export const DEFAULT_HEALTH_PORT = 3001;
