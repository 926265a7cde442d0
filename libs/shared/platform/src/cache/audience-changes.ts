import type { BusBroadcast } from '../bus/bus-broadcast';

/** A cache of per-user targeting answers, by workspace (see InvalidatedCache). */
export interface AudienceAnswers {
  invalidate(workspaceId: string, userId: string): void;
  invalidateScope(workspaceId: string): void;
  clear(): void;
}

/**
 * The one list of what can change whom an experience targets: the user's profile
 * (`user.updated`), a vendor sync of the workspace's profiles (`profiles.synced`), its
 * segments (`segment.updated`/`segment.deleted`) or experiences (`experience.updated`);
 * after a reconnect, events may have been missed. Call from onModuleInit.
 */
export function dropAnswersOnAudienceChanges(
  broadcast: BusBroadcast,
  answers: AudienceAnswers,
): void {
  const workspace = (event: { workspaceId: string }) => answers.invalidateScope(event.workspaceId);
  broadcast.on('user.updated', (event) => answers.invalidate(event.workspaceId, event.userId));
  broadcast.on('profiles.synced', workspace);
  broadcast.on('segment.updated', workspace);
  broadcast.on('segment.deleted', workspace);
  broadcast.on('experience.updated', workspace);
  broadcast.onReconnect(() => answers.clear());
}
