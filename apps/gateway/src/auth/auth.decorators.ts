import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth } from '@nestjs/swagger';
import { ApiErrorResponses } from '../docs/error-responses';

/** Who may call a route. Every route declares one; the AuthGuard denies routes without. */
export type AuthPolicy = 'sdk' | 'secret' | 'admin' | 'none';
export const AUTH_POLICY = 'gateway:auth-policy';

/** OpenAPI security scheme names (declared in docs/openapi.ts). */
export const SECURITY_SCHEMES = { key: 'key', segment: 'segment', admin: 'admin' } as const;

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
