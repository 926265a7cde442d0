import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  OnModuleInit,
  UseInterceptors,
} from '@nestjs/common';
import type { TargetedExperience } from '@seg/contracts';
import {
  BROADCAST_SETTLE_MS,
  BusBroadcast,
  dropAnswersOnAudienceChanges,
  InvalidatedCache,
} from '@seg/platform';
import { finalize, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth-context';

/** A safety net: every change that can alter an answer is an event. */
const TTL_MS = 30_000;
/** Users whose answer is kept (oldest dropped first): ~2 KB each with 8 experiences. */
const MAX_ENTRIES = 20_000;

/**
 * SDK page loads ask for the same users' targeting again and again. An answer the
 * experiences service marks `reusable` (no time-relative segment decided it), or valid
 * until an instant (`validUntil`: the user's next flip; kept no longer), is served
 * from here until an event that could change it reaches this gateway (every instance
 * hears every event: BusBroadcast): `user.updated` (that user), `profiles.synced`,
 * `segment.updated`/`segment.deleted`, `experience.updated` (the workspace), or a
 * reconnect (everything). Edits made through this gateway drop the workspace's answers
 * before they return (InvalidatesTargeting), so they read their own writes at once.
 */
@Injectable()
export class TargetingAnswers implements OnModuleInit {
  private readonly cache = new InvalidatedCache<{
    answer: TargetedExperience[];
    /** Kept only until then (ms): a relative window may flip for the user at that instant. */
    validUntil?: number;
  }>({
    name: 'gateway_targeting_answers',
    ttlMs: TTL_MS,
    maxEntries: MAX_ENTRIES,
    settleMs: BROADCAST_SETTLE_MS,
  });

  constructor(private readonly broadcast: BusBroadcast) {}

  onModuleInit(): void {
    dropAnswersOnAudienceChanges(this.broadcast, this.cache);
  }

  get(workspaceId: string, userId: string, now = Date.now()): TargetedExperience[] | undefined {
    const entry = this.cache.get(workspaceId, userId, now)?.value;
    if (entry?.validUntil !== undefined && entry.validUntil <= now) return undefined;
    return entry?.answer;
  }

  /** `validUntil` (ms): an answer a relative window decided, kept no longer than that. */
  put(
    workspaceId: string,
    userId: string,
    answer: TargetedExperience[],
    askedAt: number,
    validUntil?: number,
  ): void {
    this.cache.put(
      workspaceId,
      userId,
      validUntil === undefined ? { answer } : { answer, validUntil },
      askedAt,
    );
  }

  invalidateWorkspace(workspaceId: string): void {
    this.cache.invalidateScope(workspaceId);
  }
}

/** Drops the workspace's cached targeting answers once a write request has been handled. */
@Injectable()
export class TargetingInvalidationInterceptor implements NestInterceptor {
  constructor(private readonly answers: TargetingAnswers) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.method === 'GET') return next.handle();
    // Whatever the outcome: a failed or timed-out write may still have been applied.
    return next.handle().pipe(
      finalize(() => {
        if (request.auth?.kind === 'workspace') {
          this.answers.invalidateWorkspace(request.auth.workspaceId);
        }
      }),
    );
  }
}

/** On controllers whose writes can change targeting (experiences, segments, tags). */
export const InvalidatesTargeting = () => UseInterceptors(TargetingInvalidationInterceptor);
