import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, workspaceIdSchema } from '@seg/contracts';
import { APP_CONFIG } from '@seg/platform';
import type { Response } from 'express';
import { AccountRepository } from '../accounts/account.repository';
import type { AuthenticatedRequest, SessionAuth } from '../auth/auth-context';
import {
  AUTH_POLICY,
  AuthPolicy,
  SESSION_RULE,
  SessionRule,
  WORKSPACE_HEADER,
} from '../auth/auth.decorators';
import { needsWorkspace, roleAllows } from '../auth/roles';
import type { GatewayConfig } from '../config';
import { CSRF_HEADER, checkCsrf } from './csrf';
import { clearSessionCookie, sessionTokenFrom } from './session-cookie';
import { SessionStore } from './session.store';

/**
 * Global guard, before the AuthGuard: a request with the session cookie and no
 * `Authorization` header is a dashboard session. It is checked here against the route's
 * session rule (route table: the least role, or none = refused), the CSRF token on state
 * changes, and the account's role in the `X-Workspace-Id` workspace; `request.auth` is then
 * set and the AuthGuard lets it through. Anything else (keys, no credentials) is the
 * AuthGuard's, exactly as before sessions existed.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionStore,
    private readonly accounts: AccountRepository,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const policy = this.reflector.getAllAndOverride<AuthPolicy | undefined>(AUTH_POLICY, targets);
    if (policy === undefined || policy === 'none') return true;
    const authorization = request.headers.authorization;
    if (authorization !== undefined && authorization.trim() !== '') return true;
    const token = sessionTokenFrom(request.headers.cookie);
    if (token === undefined) return true;

    const rule = this.reflector.getAllAndOverride<SessionRule | undefined>(SESSION_RULE, targets);
    if (rule === undefined) {
      throw new DomainError(
        'FORBIDDEN',
        'This endpoint takes an API key ("Authorization: Bearer <key>"), not a dashboard session',
      );
    }
    const session = await this.sessions.touch(token);
    if (!session) {
      clearSessionCookie(context.switchToHttp().getResponse<Response>(), this.config);
      throw new DomainError('UNAUTHENTICATED', 'Session expired or signed out: sign in again');
    }
    checkCsrf(request.method, request.headers[CSRF_HEADER], session.csrfToken);
    const auth: SessionAuth = {
      kind: 'session',
      sessionId: session.id,
      accountId: session.accountId,
      csrfToken: session.csrfToken,
    };
    if (needsWorkspace(rule)) {
      const workspaceId = this.workspaceOf(request);
      const membership = await this.accounts.findMembership(workspaceId, session.accountId);
      if (!membership) {
        throw new DomainError(
          'FORBIDDEN',
          `This account is not a member of workspace ${workspaceId}`,
        );
      }
      if (!roleAllows(membership.role, rule)) {
        throw new DomainError(
          'FORBIDDEN',
          `This needs the role ${rule} or more in the workspace; this account is ${membership.role}`,
        );
      }
      auth.workspaceId = workspaceId;
      auth.role = membership.role;
    }
    request.auth = auth;
    return true;
  }

  private workspaceOf(request: AuthenticatedRequest): string {
    const header = request.headers[WORKSPACE_HEADER];
    const parsed = workspaceIdSchema.safeParse(header);
    if (parsed.success) return parsed.data;
    throw new DomainError(
      'VALIDATION_FAILED',
      'With a session, name the workspace with the X-Workspace-Id header',
      [
        {
          path: 'headers.x-workspace-id',
          message:
            header === undefined ? 'required' : (parsed.error.issues[0]?.message ?? 'invalid'),
        },
      ],
    );
  }
}
