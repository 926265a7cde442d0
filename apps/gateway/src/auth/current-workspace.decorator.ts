import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { AuthContext, AuthenticatedRequest, SessionAuth } from './auth-context';

/**
 * The workspace id (`ws_…`) resolved from the caller's key, or named by a session's
 * `X-Workspace-Id` (checked against the account's role). Use on @SdkAuth/@SecretAuth routes and
 * on session routes whose rule names a role.
 */
export const CurrentWorkspace = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
    if (auth?.kind === 'workspace') return auth.workspaceId;
    if (auth?.kind === 'session' && auth.workspaceId !== undefined) return auth.workspaceId;
    // A programming error: the route is not behind @SdkAuth() or @SecretAuth().
    throw new DomainError('INTERNAL', 'No workspace resolved for this request');
  },
);

/** The caller as resolved by the guards (`request.auth`). */
export const Caller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthContext =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().auth ?? { kind: 'anonymous' },
);

/** The session of a session-only route (@SessionAuth). */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionAuth => {
    const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
    if (auth?.kind !== 'session') {
      throw new DomainError('INTERNAL', 'No session resolved for this request');
    }
    return auth;
  },
);
