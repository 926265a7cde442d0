import { workspaceIdSchema as workspaceId } from '@seg/contracts';
import { z } from 'zod';
import { KEY_KINDS } from '../auth/api-keys';

/** Request and response bodies of the workspace endpoints (validation and OpenAPI). */
export const createWorkspaceBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
});

export const createdWorkspaceResponse = z.object({
  id: workspaceId,
  name: z.string(),
  publicKey: z.string().regex(/^pk_/).describe('For the SDKs; shown only once'),
  secretKey: z.string().regex(/^sk_/).describe('For the dashboard API; shown only once'),
});

export const workspaceResponse = z.object({
  id: workspaceId,
  name: z.string(),
  createdAt: z.iso.datetime(),
});

export const rotateKeyBody = z.strictObject({ kind: z.enum(KEY_KINDS) });

export const rotatedKeyResponse = z.object({
  kind: z.enum(KEY_KINDS),
  key: z.string().describe('The new key, shown only once; the old one stops working'),
});
