import { baseEnvSchema } from '@seg/platform';
import { z } from 'zod';

export const segmentsEnvSchema = baseEnvSchema.extend({
  HOST: z.string().default('127.0.0.1'),
});
export type SegmentsConfig = z.output<typeof segmentsEnvSchema>;

/** Port of this service's own /health endpoint. */
export const DEFAULT_HEALTH_PORT = 3002;
