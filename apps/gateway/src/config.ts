import { baseEnvSchema } from '@seg/platform';
import { z } from 'zod';

export const gatewayEnvSchema = baseEnvSchema
  .extend({
    HOST: z.string().default('127.0.0.1'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    /** Bearer token for workspace creation; required in production. */
    ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.ADMIN_TOKEN !== undefined, {
    path: ['ADMIN_TOKEN'],
    message: 'is required when NODE_ENV=production',
  });
export type GatewayConfig = z.output<typeof gatewayEnvSchema>;
