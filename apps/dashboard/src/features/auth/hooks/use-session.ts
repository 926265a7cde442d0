import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../../api/client';
import type { LoginBody, Role, SignupBody } from '../../../api/paths';
import { session } from '../../../api/session';
import {
  authKeys,
  currentWorkspace,
  forgetWorkspaceData,
  meQuery,
  startSession,
} from '../auth-queries';

/** The signed-in account and the workspace in use (the app's routes load it before rendering). */
export function useSession() {
  const { data: me } = useSuspenseQuery(meQuery);
  const workspace = currentWorkspace(me);
  const role: Role = workspace?.role ?? 'viewer';
  return {
    me,
    workspace,
    role,
    /** viewer: reads only (dashboard.md): every control that changes something is absent. */
    canWrite: role === 'admin' || role === 'editor',
  };
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => unwrap(api.POST('/v1/auth/login', { body })),
    onSuccess: (me) => startSession(queryClient, me),
  });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignupBody) => unwrap(api.POST('/v1/auth/signup', { body })),
    onSuccess: (me) => startSession(queryClient, me),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/auth/logout')),
    onSettled: async () => {
      session.setCsrfToken(null);
      queryClient.clear();
      await navigate({ to: '/sign-in' });
    },
  });
}

export function useSwitchWorkspace() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (workspaceId: string) => {
    session.setWorkspaceId(workspaceId);
    await queryClient.invalidateQueries({ queryKey: authKeys.me() });
    await forgetWorkspaceData(queryClient);
    await navigate({ to: '/users' });
  };
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  const switchTo = useSwitchWorkspace();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST('/v1/workspaces', { body: { name } })),
    onSuccess: async (workspace) => {
      await queryClient.invalidateQueries({ queryKey: authKeys.me() });
      await switchTo(workspace.id);
    },
  });
}
