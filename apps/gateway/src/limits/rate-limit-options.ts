import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { AuthContext, AuthenticatedRequest } from '../auth/auth-context';
import type { GatewayConfig } from '../config';

type LimitConfig = Pick<
  GatewayConfig,
  'RATE_LIMIT_SDK' | 'RATE_LIMIT_SECRET' | 'RATE_LIMIT_ADMIN' | 'RATE_LIMIT_WINDOW_MS'
>;

/** Requests per window for a caller: public (SDK) keys get more than secret keys (and sessions). */
export function limitFor(auth: AuthContext | undefined, config: LimitConfig): number {
  if (auth?.kind === 'admin') return config.RATE_LIMIT_ADMIN;
  if (auth?.kind === 'workspace' && auth.keyKind === 'public') return config.RATE_LIMIT_SDK;
  return config.RATE_LIMIT_SECRET;
}

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
    ],
    // One counter per caller across every route, namespaced like the bus.
    generateKey: (_context, tracker, name) => `${config.BUS_PREFIX}:ratelimit:${name}:${tracker}`,
    errorMessage: (_context, detail) =>
      `Rate limit of ${detail.limit} requests per ${detail.ttl / 1000} s exceeded; retry after ${detail.timeToBlockExpire} s`,
  };
}
