/** The settings feature's TanStack Query keys: one factory, so invalidation names them alike. */
export const settingsKeys = {
  all: ['settings'] as const,
  workspace: () => [...settingsKeys.all, 'workspace'] as const,
  keys: () => [...settingsKeys.all, 'keys'] as const,
  members: () => [...settingsKeys.all, 'members'] as const,
  invites: () => [...settingsKeys.all, 'invites'] as const,
};
