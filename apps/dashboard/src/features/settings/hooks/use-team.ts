import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { Role } from '../../../api/paths';
import { authKeys } from '../../auth/auth-queries';
import { settingsKeys } from '../settings-query-keys';

/** Members with their roles (every member may read them). */
export function useMembers() {
  return useQuery({
    queryKey: settingsKeys.members(),
    queryFn: () => unwrap(api.GET('/v1/team/members')),
  });
}

/** Invites not used, revoked or expired yet (admins only). */
export function useInvites(enabled: boolean) {
  return useQuery({
    queryKey: settingsKeys.invites(),
    enabled,
    queryFn: () => unwrap(api.GET('/v1/team/invites')),
  });
}

/** Create an invite: its one-time link is in this answer only. */
export function useCreateInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      unwrap(api.POST('/v1/team/invites', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.invites() }),
  });
}

export function useRevokeInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/v1/team/invites/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.invites() }),
  });
}

/** Change a member's role; one's own role shows in `me` too, so it is read again. */
export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, role }: { accountId: string; role: Role }) =>
      unwrap(
        api.PUT('/v1/team/members/{accountId}', {
          params: { path: { accountId } },
          body: { role },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: settingsKeys.members() }),
        queryClient.invalidateQueries({ queryKey: authKeys.me() }),
      ]),
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) =>
      unwrap(api.DELETE('/v1/team/members/{accountId}', { params: { path: { accountId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.members() }),
  });
}
