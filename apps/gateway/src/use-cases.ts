import type { Type } from '@nestjs/common';
import { GetInviteUseCase } from './accounts/usecases/get-invite/get-invite.usecase';
import { GetAuthStateUseCase } from './accounts/usecases/get-auth-state/get-auth-state.usecase';
import { GetMeUseCase } from './accounts/usecases/get-me/get-me.usecase';
import { LogInUseCase } from './accounts/usecases/log-in/log-in.usecase';
import { LogOutUseCase } from './accounts/usecases/log-out/log-out.usecase';
import { SignUpUseCase } from './accounts/usecases/sign-up/sign-up.usecase';
import { ChangeMemberRoleUseCase } from './team/usecases/change-member-role/change-member-role.usecase';
import { CreateInviteUseCase } from './team/usecases/create-invite/create-invite.usecase';
import { ListInvitesUseCase } from './team/usecases/list-invites/list-invites.usecase';
import { ListMembersUseCase } from './team/usecases/list-members/list-members.usecase';
import { RemoveMemberUseCase } from './team/usecases/remove-member/remove-member.usecase';
import { RevokeInviteUseCase } from './team/usecases/revoke-invite/revoke-invite.usecase';
import { CreateWorkspaceUseCase } from './workspaces/usecases/create-workspace/create-workspace.usecase';
import { GetWorkspaceUseCase } from './workspaces/usecases/get-workspace/get-workspace.usecase';
import { ListKeysUseCase } from './workspaces/usecases/list-keys/list-keys.usecase';
import { RenameWorkspaceUseCase } from './workspaces/usecases/rename-workspace/rename-workspace.usecase';
import { RotateKeyUseCase } from './workspaces/usecases/rotate-key/rotate-key.usecase';
import { SetSdkLimitsUseCase } from './workspaces/usecases/set-sdk-limits/set-sdk-limits.usecase';

// The gateway's own use cases (what it owns: workspaces and keys, accounts and sessions, the
// team), one per operation; the routes that only forward to a service send a bus request.

/** /v1/workspaces (WorkspacesModule). */
export const WORKSPACE_USE_CASES: Type[] = [
  CreateWorkspaceUseCase,
  GetWorkspaceUseCase,
  RenameWorkspaceUseCase,
  ListKeysUseCase,
  RotateKeyUseCase,
  SetSdkLimitsUseCase,
];

/** /v1/auth (AccountsModule). */
export const AUTH_USE_CASES: Type[] = [
  GetAuthStateUseCase,
  SignUpUseCase,
  LogInUseCase,
  LogOutUseCase,
  GetMeUseCase,
  GetInviteUseCase,
];

/** /v1/team (TeamModule). */
export const TEAM_USE_CASES: Type[] = [
  CreateInviteUseCase,
  ListInvitesUseCase,
  RevokeInviteUseCase,
  ListMembersUseCase,
  ChangeMemberRoleUseCase,
  RemoveMemberUseCase,
];
