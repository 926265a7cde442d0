import { baseEnvSchema } from '@seg/platform';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().min(1);
/** Only outside production: a fixed key so development data stays readable across restarts. */
const DEVELOPMENT_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export const integrationsEnvSchema = baseEnvSchema
  .extend({
    HOST: z.string().default('127.0.0.1'),
    /** AES-256-GCM key for connection secrets: 32 bytes, base64 or hex. Required in production. */
    ENCRYPTION_KEY: z
      .string()
      .refine((value) => decodeKey(value) !== undefined, 'must be 32 bytes, base64 or hex')
      .optional(),
    HUBSPOT_API_BASE_URL: z.url().default('https://api.hubapi.com'),
    /** Customer.io App API root (e.g. https://api.customer.io/v1); by region when unset. */
    CUSTOMERIO_APP_API_BASE_URL: z.url().optional(),
    /** HubSpot: requests per window per connection (free/starter: 100 / 10 s). */
    HUBSPOT_RATE_LIMIT_MAX: positiveInt.default(100),
    HUBSPOT_RATE_LIMIT_WINDOW_MS: positiveInt.default(10_000),
    /** Customer.io App API: 10 requests / s. */
    CUSTOMERIO_RATE_LIMIT_MAX: positiveInt.default(10),
    CUSTOMERIO_RATE_LIMIT_WINDOW_MS: positiveInt.default(1_000),
    /** Vendor HTTP timeout. */
    VENDOR_TIMEOUT_MS: positiveInt.default(30_000),
    /** Sync jobs run at once per worker process. */
    SYNC_CONCURRENCY: positiveInt.max(50).default(4),
    /** BullMQ lock: a worker that dies mid-run loses its job after this; it is then resumed. */
    SYNC_LOCK_DURATION_MS: positiveInt.min(1_000).default(30_000),
    /** Attempts of a sync job (exponential backoff between them). */
    SYNC_ATTEMPTS: positiveInt.max(20).default(5),
    SYNC_BACKOFF_MS: positiveInt.default(5_000),
    /** Results one HubSpot search query can page through (HubSpot: 10,000); lower in tests. */
    HUBSPOT_SEARCH_RESULT_CAP: positiveInt.default(10_000),
    /** How long a 429 TEN_SECONDLY_ROLLING / Retry-After may be waited out within a run. */
    RATE_LIMIT_MAX_WAIT_MS: positiveInt.default(60_000),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.ENCRYPTION_KEY !== undefined, {
    path: ['ENCRYPTION_KEY'],
    message: 'is required when NODE_ENV=production',
  });
export type IntegrationsConfig = z.output<typeof integrationsEnvSchema>;

/** Port of this service's own /health endpoint. */
export const DEFAULT_HEALTH_PORT = 3004;
/** Port of the worker process's own /health endpoint. */
export const DEFAULT_WORKER_HEALTH_PORT = 3005;

/** The 32-byte key from ENCRYPTION_KEY (hex or base64), or the development default. */
export function encryptionKeyOf(config: IntegrationsConfig): Buffer {
  const key = config.ENCRYPTION_KEY ?? DEVELOPMENT_ENCRYPTION_KEY;
  const decoded = decodeKey(key);
  if (!decoded) throw new Error('ENCRYPTION_KEY must be 32 bytes, base64 or hex');
  return decoded;
}

function decodeKey(value: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    return bytes.length === 32 ? bytes : undefined;
  }
  return undefined;
}
