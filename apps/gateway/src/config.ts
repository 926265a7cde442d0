import { baseEnvSchema } from '@seg/platform';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().min(1);

export const gatewayEnvSchema = baseEnvSchema
  .extend({
    HOST: z.string().default('127.0.0.1'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    /** Bearer token for workspace creation; required in production. */
    ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Largest JSON body accepted, in bytes (413 above). */
    BODY_LIMIT_BYTES: positiveInt.max(50 * 1024 * 1024).default(1024 * 1024),
    /** Rate limits: requests per key per window (429 with Retry-After above). */
    RATE_LIMIT_WINDOW_MS: positiveInt.min(1_000).default(60_000),
    /**
     * For each public (SDK) key, all its end users together: a generous ceiling
     * (2,000 req/s), since every page load of every end user of the workspace asks.
     */
    RATE_LIMIT_SDK: positiveInt.default(120_000),
    /** For each end user of a public key (the user the request names, else the address). */
    RATE_LIMIT_SDK_PER_USER: positiveInt.default(600),
    /** For each secret (dashboard) key. */
    RATE_LIMIT_SECRET: positiveInt.default(1_200),
    /** For the admin token (workspace creation). */
    RATE_LIMIT_ADMIN: positiveInt.default(600),
    /**
     * How long a key → workspace lookup is cached in memory: a safety net, since a
     * rotation reaches every gateway at once (the `workspace.key.rotated` broadcast).
     */
    AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
    /**
     * Load shedding (targeting): requests of this process already waiting for the
     * experiences service above which the next one gets 503 with Retry-After at once.
     */
    SHED_MAX_IN_FLIGHT: positiveInt.max(100_000).default(256),
    SHED_RETRY_AFTER_S: positiveInt.max(60).default(1),
    /** The built dashboard (`nx build dashboard`), served at `/`; relative to the working directory. */
    DASHBOARD_DIR: z.string().min(1).default('dist/apps/dashboard'),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.ADMIN_TOKEN !== undefined, {
    path: ['ADMIN_TOKEN'],
    message: 'is required when NODE_ENV=production',
  });
export type GatewayConfig = z.output<typeof gatewayEnvSchema>;
