import { baseEnvSchema } from '@seg/platform';
import { z } from 'zod';

export const usersEnvSchema = baseEnvSchema.extend({
  HOST: z.string().default('127.0.0.1'),
});
export type UsersConfig = z.output<typeof usersEnvSchema>;

/** Port of this service's own /health endpoint. */
export const DEFAULT_HEALTH_PORT = 3001;
