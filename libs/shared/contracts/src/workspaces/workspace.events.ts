import { z } from 'zod';
import { eventContract } from '../bus/contract';
import { workspaceIdSchema } from '../common/ids';

export const workspaceCreatedEvent = z.object({
  workspaceId: workspaceIdSchema,
  name: z.string(),
  createdAt: z.iso.datetime(),
});
export type WorkspaceCreatedEvent = z.infer<typeof workspaceCreatedEvent>;

/**
 * A workspace key was replaced. Every gateway instance hears it (BusBroadcast) and drops
 * the old key from its key cache at once, instead of accepting it until the cache expires.
 */
export const workspaceKeyRotatedEvent = z.object({
  workspaceId: workspaceIdSchema,
  kind: z.enum(['public', 'secret']),
  /** sha256 (hex) of the key that stopped working: what the key caches are keyed by. */
  previousKeyHash: z.string().regex(/^[0-9a-f]{64}$/),
  rotatedAt: z.iso.datetime(),
});
export type WorkspaceKeyRotatedEvent = z.infer<typeof workspaceKeyRotatedEvent>;

export const workspaceEvents = {
  'workspace.created': eventContract(workspaceCreatedEvent),
  'workspace.key.rotated': eventContract(workspaceKeyRotatedEvent),
};
