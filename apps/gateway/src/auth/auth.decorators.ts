import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiCookieAuth, ApiExtension } from '@nestjs/swagger';
import type { Role } from '@seg/http-shapes';
import { ApiErrorResponses } from '../docs/error-responses';

/**
 * Who may call a route. Every route declares one; the AuthGuard denies routes without.
 * `session`: a dashboard session only (no key).
 */
export type AuthPolicy = 'sdk' | 'secret' | 'admin' | 'session' | 'none';
export const AUTH_POLICY = 'gateway:auth-policy';

/**
 * What a dashboard session may do on a route: the least role it needs in the workspace named
 * by `X-Workspace-Id`, or `signed-in` (any session, no workspace). A route without a rule
 * refuses sessions (403): keys only.
 */
export type SessionRule = Role | 'signed-in';
export const SESSION_RULE = 'gateway:session-rule';

/** OpenAPI security scheme names (declared in docs/openapi.ts). */
export const SECURITY_SCHEMES = {
  key: 'key',
  segment: 'segment',
  admin: 'admin',
  session: 'session',
} as const;

/** The `X-Workspace-Id` header that session calls name their workspace with. */
export const WORKSPACE_HEADER = 'x-workspace-id';

/**
 * Also callable with a dashboard session, by an account with at least `rule` in the workspace
 * (`X-Workspace-Id`) — or by any session for `signed-in`. On a class, a method's own rule wins.
 * Documented as the operation's `x-session-role` (the key schemes stay the operation's security).
 */
export function SessionRole(rule: SessionRule): MethodDecorator & ClassDecorator {
  // The X-Workspace-Id header is added to the document per operation (docs/openapi.ts).
  return applyDecorators(SetMetadata(SESSION_RULE, rule), ApiExtension('x-session-role', rule));
}

/** Dashboard endpoint for sessions only (no key): the session cookie, and `rule` as above. */
export function SessionAuth(rule: SessionRule): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(AUTH_POLICY, 'session' satisfies AuthPolicy),
    SessionRole(rule),
    ApiCookieAuth(SECURITY_SCHEMES.session),
    ApiErrorResponses(401, 403, 429),
  );
}

/**
 * SDK endpoint: the public or the secret key, as `Authorization: Bearer <key>` or
 * Segment's HTTP Basic (key as user name, empty password). CORS is open for these.
 */
export function SdkAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(AUTH_POLICY, 'sdk' satisfies AuthPolicy),
    ApiBearerAuth(SECURITY_SCHEMES.key),
    ApiBasicAuth(SECURITY_SCHEMES.segment),
    ApiErrorResponses(401, 429),
  );
}

/** Dashboard endpoint: the secret key only (`Authorization: Bearer sk_…`); a public key gets 403. */
export function SecretAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(AUTH_POLICY, 'secret' satisfies AuthPolicy),
    ApiBearerAuth(SECURITY_SCHEMES.key),
    ApiErrorResponses(401, 403, 429),
  );
}

/** Operator endpoint: `Authorization: Bearer <ADMIN_TOKEN>`; a workspace key gets 403. */
export function AdminAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(AUTH_POLICY, 'admin' satisfies AuthPolicy),
    ApiBearerAuth(SECURITY_SCHEMES.admin),
    ApiErrorResponses(401, 403, 429),
  );
}

/**
 * No key: only for routes that authenticate otherwise (a signed webhook) or
 * expose nothing (health). Not rate limited per key.
 */
export function NoAuth(): MethodDecorator & ClassDecorator {
  return SetMetadata(AUTH_POLICY, 'none' satisfies AuthPolicy);
}
