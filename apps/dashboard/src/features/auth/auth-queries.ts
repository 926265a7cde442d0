import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../api/client';
import type { AccountWorkspace, MeResponse } from '../../api/paths';
import { session } from '../../api/session';

export const authKeys = {
  all: ['auth'] as const,
  state: () => [...authKeys.all, 'state'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

export const authStateQuery = queryOptions({
  queryKey: authKeys.state(),
  queryFn: () => unwrap(api.GET('/v1/auth/state')),
});

/**
 * The signed-in account, or null when there is no session (401). Reading it also keeps the
 * session's CSRF token and picks the workspace: the remembered one if still allowed, else the first.
 */
export const meQuery = queryOptions({
  queryKey: authKeys.me(),
  queryFn: async (): Promise<MeResponse | null> => {
    try {
      return keepSession(await unwrap(api.GET('/v1/auth/me')));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        session.setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },
  staleTime: 60_000,
});

/** Keeps the session's CSRF token and picks its workspace (the remembered one if allowed). */
function keepSession(me: MeResponse): MeResponse {
  session.setCsrfToken(me.csrfToken);
  const current = session.workspaceId();
  if (!me.workspaces.some((workspace) => workspace.id === current)) {
    session.setWorkspaceId(me.workspaces[0]?.id ?? null);
  }
  return me;
}

/**
 * Signing up or in answers the same as `GET /v1/auth/me`: the answer becomes the session at
 * once (an invalidation would not reach the app's routes, which read the cached `null`).
 */
export async function startSession(queryClient: QueryClient, me: MeResponse): Promise<void> {
  queryClient.setQueryData(authKeys.me(), keepSession(me));
  await queryClient.invalidateQueries({ queryKey: authKeys.state() });
}

export function currentWorkspace(me: MeResponse | null | undefined): AccountWorkspace | null {
  if (!me) return null;
  const id = session.workspaceId();
  return me.workspaces.find((workspace) => workspace.id === id) ?? me.workspaces[0] ?? null;
}

/**
 * After a workspace switch nothing of the previous workspace stays cached: every query is reset
 * (the ones on screen load again, now naming the new workspace).
 */
export function forgetWorkspaceData(queryClient: QueryClient): Promise<void> {
  return queryClient.resetQueries({
    predicate: (query) => query.queryKey[0] !== authKeys.all[0],
  });
}
