import { baseEnvSchema } from '@seg/platform';
import { z } from 'zod';

export const experiencesEnvSchema = baseEnvSchema.extend({
  HOST: z.string().default('127.0.0.1'),
});
export type ExperiencesConfig = z.output<typeof experiencesEnvSchema>;

/** Port of this service's own /health endpoint. */
export const DEFAULT_HEALTH_PORT = 3003;
