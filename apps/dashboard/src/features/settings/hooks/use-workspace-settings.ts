import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { authKeys } from '../../auth/auth-queries';
import { settingsKeys } from '../settings-query-keys';

export type KeyKind = 'public' | 'secret';

/** `GET /v1/workspaces/current`: the workspace of the session (`X-Workspace-Id`). */
export function useWorkspace() {
  return useQuery({
    queryKey: settingsKeys.workspace(),
    queryFn: () => unwrap(api.GET('/v1/workspaces/current')),
  });
}

/** Rename (admin); the switcher's names come from `me`, so it is read again too. */
export function useRenameWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.PUT('/v1/workspaces/current', { body: { name } })),
    onSuccess: (workspace) => {
      queryClient.setQueryData(settingsKeys.workspace(), workspace);
      return queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}

/** The public key and the secret key masked (admins only). */
export function useKeys(enabled: boolean) {
  return useQuery({
    queryKey: settingsKeys.keys(),
    enabled,
    queryFn: () => unwrap(api.GET('/v1/workspaces/current/keys')),
  });
}

/** Rotate a key: the answer holds the new key, shown this once; the old one stops at once. */
export function useRotateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kind: KeyKind) =>
      unwrap(api.POST('/v1/workspaces/current/keys/rotate', { body: { kind } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.keys() }),
  });
}
