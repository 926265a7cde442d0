import { Injectable } from '@nestjs/common';
import { type AudienceAnswers, BROADCAST_SETTLE_MS, InvalidatedCache } from '@seg/platform';
import type { PublishedSet } from './published-experiences.cache';

/** A safety net: every change that can move a user in or out of a segment is an event. */
const TTL_MS = 30_000;
const MAX_ENTRIES = 100_000;

interface Membership {
  /** The published set the answer was asked for (a new set means a new question). */
  published: PublishedSet;
  memberOf: ReadonlySet<string>;
  /** Kept only until then (ms): a relative window may flip for the user at that instant. */
  validUntil?: number;
}

/**
 * The segments service's answer for a user, reused while nothing that decides it changed:
 * the user (`user.updated`), the workspace's profiles (`profiles.synced`), its segments
 * (`segment.updated`/`segment.deleted`) or its published experiences. Answers that depend
 * on time alone (relative windows) are kept only until their `validUntil` (the user's next
 * flip, when the segments service knows it from its read model), else never.
 */
@Injectable()
export class MembershipCache implements AudienceAnswers {
  private readonly cache = new InvalidatedCache<Membership>({
    name: 'experiences_membership',
    ttlMs: TTL_MS,
    maxEntries: MAX_ENTRIES,
    settleMs: BROADCAST_SETTLE_MS,
  });

  get(
    workspaceId: string,
    userId: string,
    published: PublishedSet,
    now = Date.now(),
  ): Pick<Membership, 'memberOf' | 'validUntil'> | undefined {
    const entry = this.cache.get(workspaceId, userId, now);
    if (entry?.value.published !== published) return undefined;
    // Past its validUntil: asked again (the next answer replaces it).
    if (entry.value.validUntil !== undefined && entry.value.validUntil <= now) return undefined;
    return entry.value;
  }

  put(workspaceId: string, userId: string, membership: Membership, requestStartedAt: number): void {
    this.cache.put(workspaceId, userId, membership, requestStartedAt);
  }

  invalidate(workspaceId: string, userId: string): void {
    this.cache.invalidate(workspaceId, userId);
  }

  invalidateScope(workspaceId: string): void {
    this.cache.invalidateScope(workspaceId);
  }

  clear(): void {
    this.cache.clear();
  }
}
