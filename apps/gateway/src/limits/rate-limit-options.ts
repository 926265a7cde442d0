import { createHash } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { AuthContext, AuthenticatedRequest } from '../auth/auth-context';
import type { GatewayConfig } from '../config';

type LimitConfig = Pick<
  GatewayConfig,
  | 'RATE_LIMIT_SDK'
  | 'RATE_LIMIT_SDK_PER_USER'
  | 'RATE_LIMIT_SECRET'
  | 'RATE_LIMIT_ADMIN'
  | 'RATE_LIMIT_WINDOW_MS'
>;

/**
 * Requests per window for a key (or a session: a secret key's): a public (SDK) key's is the
 * ceiling for all the workspace's end users together (each of them also has
 * `RATE_LIMIT_SDK_PER_USER`).
 */
export function limitFor(auth: AuthContext | undefined, config: LimitConfig): number {
  if (auth?.kind === 'admin') return config.RATE_LIMIT_ADMIN;
  if (auth?.kind === 'workspace' && auth.keyKind === 'public') {
    return auth.sdkLimits?.perWindow ?? config.RATE_LIMIT_SDK;
  }
  return config.RATE_LIMIT_SECRET;
}

/** Requests per window for one end user of a public key: the workspace's own, or the default. */
export function endUserLimitFor(auth: AuthContext | undefined, config: LimitConfig): number {
  const own = auth?.kind === 'workspace' ? auth.sdkLimits?.perUserPerWindow : undefined;
  return own ?? config.RATE_LIMIT_SDK_PER_USER;
}

type EndUserRequest = Pick<AuthenticatedRequest, 'auth' | 'ip' | 'params' | 'body'>;

/**
 * Who an SDK request is for: the end user it names (the path's `:userId`, or the body's
 * `userId` / `anonymousId`), else the client's address (a batch names several users).
 * Hashed: user ids are long and not for Redis keys.
 */
export function endUserTrackerOf(request: EndUserRequest): string {
  const auth = request.auth;
  const key = auth?.kind === 'workspace' ? auth.keyHash : 'none';
  const body: unknown = request.body;
  const fromBody =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const named = [request.params?.['userId'], fromBody['userId'], fromBody['anonymousId']].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  const who = named === undefined ? `addr:${request.ip ?? 'unknown'}` : `user:${named}`;
  return `key:${key}:${createHash('sha256').update(who).digest('base64url').slice(0, 22)}`;
}

const isPublicKey = (context: ExecutionContext) => {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  return auth?.kind === 'workspace' && auth.keyKind === 'public';
};

export function rateLimitOptions(
  config: GatewayConfig,
  storage: ThrottlerStorage,
): ThrottlerModuleOptions {
  return {
    storage,
    throttlers: [
      {
        name: 'default',
        ttl: config.RATE_LIMIT_WINDOW_MS,
        limit: (context: ExecutionContext) =>
          limitFor(context.switchToHttp().getRequest<AuthenticatedRequest>().auth, config),
      },
      {
        // One end user of a public key: a busy user cannot spend the workspace's ceiling.
        name: 'endUser',
        ttl: config.RATE_LIMIT_WINDOW_MS,
        limit: (context: ExecutionContext) =>
          endUserLimitFor(context.switchToHttp().getRequest<AuthenticatedRequest>().auth, config),
        skipIf: (context) => !isPublicKey(context),
        getTracker: (request) => endUserTrackerOf(request as EndUserRequest),
      },
    ],
    // One counter per caller across every route, namespaced like the bus.
    generateKey: (_context, tracker, name) => `${config.BUS_PREFIX}:ratelimit:${name}:${tracker}`,
    errorMessage: (_context, detail) =>
      `Rate limit of ${detail.limit} requests per ${detail.ttl / 1000} s${detail.key.includes(':endUser:') ? ' for this end user' : ''} exceeded; retry after ${detail.timeToBlockExpire} s`,
  };
}
