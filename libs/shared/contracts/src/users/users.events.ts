import { z } from 'zod';
import { eventContract } from '../bus/contract';
import { userIdSchema, workspaceIdSchema } from '../common/ids';

const isoDate = z.iso.datetime({ offset: true });

export const userUpdatedEvent = z.object({
  workspaceId: workspaceIdSchema,
  userId: userIdSchema,
  /** What changed: `activity`, `attributes`, `tags`, `interactions`. */
  changes: z.array(z.enum(['activity', 'attributes', 'tags', 'interactions'])),
  at: isoDate,
});
export type UserUpdatedEvent = z.infer<typeof userUpdatedEvent>;

/**
 * A vendor sync wrote one source's attributes for some users of the workspace in bulk
 * (one event per written page, not one per user). `userIds` names the users whose profiles
 * the page changed when the writer knows them; without it, consumers treat the whole
 * workspace as changed (caches drop the workspace, the membership read model re-evaluates it).
 */
export const profilesSyncedEvent = z.object({
  workspaceId: workspaceIdSchema,
  source: z.enum(['hubspot', 'customerio', 'segment']),
  userIds: z.array(userIdSchema).max(5_000).optional(),
  at: isoDate,
});
export type ProfilesSyncedEvent = z.infer<typeof profilesSyncedEvent>;

export const usersEvents = {
  'user.updated': eventContract(userUpdatedEvent),
  'profiles.synced': eventContract(profilesSyncedEvent),
};
