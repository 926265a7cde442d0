import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthContext, AuthenticatedRequest } from '../auth/auth-context';

/**
 * Per-key rate limit (runs after the AuthGuard, which sets `request.auth`):
 * one counter per key (or signed-in account) across all its routes; routes without a key are
 * not limited.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
    return auth === undefined || auth.kind === 'anonymous';
  }

  protected override async getTracker(
    request: Pick<AuthenticatedRequest, 'auth'>,
  ): Promise<string> {
    return trackerOf(request.auth);
  }
}

/** Who a counter belongs to: a key (by its hash), a signed-in account, or the admin token. */
export function trackerOf(auth: AuthContext | undefined): string {
  if (auth?.kind === 'workspace') return `key:${auth.keyHash}`;
  if (auth?.kind === 'session') return `account:${auth.accountId}`;
  return auth?.kind ?? 'anonymous';
}
