import { workspaceIdSchema as workspaceId } from '@seg/contracts';
import { z } from 'zod';

/** The two API keys of a workspace: `pk_…` (public, shipped in the SDK) and `sk_…` (secret). */
export const KEY_KINDS = ['public', 'secret'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** `POST /v1/workspaces` (admin token). */
export const createWorkspaceBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
});

export const createdWorkspaceResponse = z.object({
  id: workspaceId,
  name: z.string(),
  publicKey: z.string().regex(/^pk_/).describe('For the SDKs; shown only once'),
  secretKey: z.string().regex(/^sk_/).describe('For the dashboard API; shown only once'),
});

/** `PUT /v1/workspaces/current` (secret key, or a session's admin): rename. */
export const updateWorkspaceBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
});

/** `GET /v1/workspaces/current`. */
export const workspaceResponse = z.object({
  id: workspaceId,
  name: z.string(),
  createdAt: z.iso.datetime(),
});

/** `POST /v1/workspaces/current/keys/rotate`. */
export const rotateKeyBody = z.strictObject({ kind: z.enum(KEY_KINDS) });

export const rotatedKeyResponse = z.object({
  kind: z.enum(KEY_KINDS),
  key: z.string().describe('The new key, shown only once; the old one stops working'),
});

/**
 * `GET /v1/workspaces/current/keys`: the public key (it ships in the browser SDK) and the secret
 * key masked (only its last 4 characters are kept). Both are null for a key made before keys were
 * kept this way: rotating it shows it.
 */
export const workspaceKeysResponse = z.object({
  publicKey: z.string().regex(/^pk_/).nullable(),
  secretKeyMasked: z
    .string()
    .nullable()
    .describe('sk_ and the last 4 characters; the secret itself is shown only when made'),
  keysRotatedAt: z.iso.datetime().nullable(),
});

const sdkLimit = z
  .number()
  .int()
  .min(1)
  .max(100_000_000)
  .nullable()
  .describe('Requests per RATE_LIMIT_WINDOW_MS; null: back to the gateway default');

/** `PUT /v1/workspaces/:workspaceId/sdk-limits` (admin token): this workspace's SDK rate limits. */
export const sdkLimitsBody = z
  .strictObject({ perWindow: sdkLimit.optional(), perUserPerWindow: sdkLimit.optional() })
  .refine((body) => body.perWindow !== undefined || body.perUserPerWindow !== undefined, {
    message: 'give perWindow, perUserPerWindow or both',
  });

export const sdkLimitsResponse = z.object({
  workspaceId,
  windowMs: z.number().int(),
  perWindow: z.number().int().describe('For all end users of the public key together'),
  perUserPerWindow: z.number().int().describe('For each end user of the public key'),
  custom: z.object({ perWindow: z.boolean(), perUserPerWindow: z.boolean() }),
});

/** `POST /v1/workspaces/current/sample-data` (admin or editor session): what was loaded. */
export const sampleDataResponse = z.object({
  users: z.number().int(),
  /** Track events (the product's and Segment.io's). */
  events: z.number().int(),
  pages: z.number().int(),
  interactions: z.number().int(),
  syncedRecords: z.object({ hubspot: z.number().int(), customerio: z.number().int() }),
  segments: z.array(z.object({ id: z.string(), name: z.string() })),
  experiences: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })),
});
