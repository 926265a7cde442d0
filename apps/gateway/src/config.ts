import { baseEnvSchema } from '@seg/platform';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().min(1);

export const gatewayEnvSchema = baseEnvSchema
  .extend({
    HOST: z.string().default('127.0.0.1'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    /**
     * `/metrics` (Prometheus) on a listener of its own, never on the public API port: keep
     * this port inside the network the scraper is in. 0 picks a free port (logged at start).
     */
    METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
    /**
     * Several gateways on one machine share GATEWAY_PORT (SO_REUSEPORT, Linux): set by
     * `npm start -- --replicas N`. Off by default, so a second gateway on a taken port fails.
     */
    GATEWAY_REUSE_PORT: z.enum(['true', 'false']).default('false'),
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
    /** Dashboard sessions: signed out after this long without a call (default 12 h)… */
    SESSION_IDLE_MS: positiveInt.min(60_000).default(12 * 60 * 60 * 1000),
    /** …and after this long whatever happens (default 7 days). */
    SESSION_ABSOLUTE_MS: positiveInt.min(60_000).default(7 * 24 * 60 * 60 * 1000),
    /**
     * The session cookie's `Secure` flag. Default: on, except with NODE_ENV development or
     * test (plain http://127.0.0.1).
     */
    SESSION_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
    /** Wrong passwords allowed per account, and per client address, per window (429 above). */
    LOGIN_RATE_LIMIT_ACCOUNT: positiveInt.default(5),
    LOGIN_RATE_LIMIT_ADDRESS: positiveInt.default(50),
    LOGIN_RATE_LIMIT_WINDOW_MS: positiveInt.min(1_000).default(15 * 60 * 1000),
    /**
     * Where the dashboard is reached, for the links of invites (default: the origin the
     * admin's request came to).
     */
    DASHBOARD_URL: z.url().optional(),
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
  })
  .refine((env) => env.SESSION_IDLE_MS <= env.SESSION_ABSOLUTE_MS, {
    path: ['SESSION_IDLE_MS'],
    message: 'must not exceed SESSION_ABSOLUTE_MS',
  });
export type GatewayConfig = z.output<typeof gatewayEnvSchema>;
