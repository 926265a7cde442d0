import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { evaluateMany } from '@seg/segment-engine';
import { CompiledSegments } from '../../compiled-segments';
import { eventKeysOf } from '../../event-keys';
import { eventKeyId, UserSnapshotCache } from '../../user-snapshot-cache';
import { MemberStore } from '../../../reads/member-store';
import type { CompiledSegment, EventDocument, ProfileDocument } from '@seg/segment-engine';

export type CheckMembershipCommand = ParsedRequestOf<'segments.membership.check'>;

/**
 * Targeting: which of these segments contain this user now. Compiled segments come from
 * the cache; the one profile and only the events the segments count are read, by index.
 * Unknown segment ids, and users without a profile, are in nothing. The user's data is
 * reused from a short-lived cache (see UserSnapshotCache) across page loads.
 */
@Injectable()
export class CheckMembershipUseCase {
  constructor(
    private readonly compiled: CompiledSegments,
    private readonly store: MemberStore,
    private readonly users: UserSnapshotCache,
  ) {}

  async execute({
    workspaceId,
    userId,
    segmentIds,
  }: CheckMembershipCommand): Promise<ResponseOf<'segments.membership.check'>> {
    if (segmentIds.length === 0) return { memberOf: [], reusable: true };
    const compiled = await this.compiled.get(workspaceId, segmentIds);
    const memberOf = await this.memberOf(workspaceId, userId, compiled);
    const reusable = [...compiled.values()].every((segment) => !segment.timeDependent);
    return { memberOf, reusable };
  }

  /**
   * The ids among `compiled` whose segment contains this user now (none when the user
   * has no profile). Shared with ListUserSegmentsUseCase.
   */
  async memberOf(
    workspaceId: string,
    userId: string,
    compiled: ReadonlyMap<string, CompiledSegment>,
  ): Promise<string[]> {
    if (compiled.size === 0) return [];
    const { profile, events } = await this.userData(
      workspaceId,
      userId,
      eventKeysOf(compiled.values()),
    );
    if (!profile) return [];
    const ids = [...compiled.keys()];
    const results = evaluateMany([...compiled.values()], { profile, events, now: new Date() });
    return ids.filter((_, index) => results[index]);
  }

  /** The profile and the events of these keys, from the cache or read (and cached). */
  private async userData(
    workspaceId: string,
    userId: string,
    keys: ReturnType<typeof eventKeysOf>,
  ): Promise<{ profile: ProfileDocument | null; events: EventDocument[] }> {
    const cached = this.users.get(workspaceId, userId);
    const missing = cached ? keys.filter((key) => !cached.events.has(eventKeyId(key))) : keys;
    if (cached && missing.length === 0) {
      return {
        profile: cached.profile,
        events: keys.flatMap((k) => cached.events.get(eventKeyId(k)) ?? []),
      };
    }
    const readStartedAt = Date.now();
    const [profile, found] = await Promise.all([
      cached ? Promise.resolve(cached.profile) : this.store.findProfile(workspaceId, userId),
      missing.length
        ? this.store.findUserEvents(workspaceId, userId, missing)
        : Promise.resolve([]),
    ]);
    const byKey = new Map(missing.map((key) => [eventKeyId(key), [] as EventDocument[]]));
    for (const event of found) byKey.get(eventKeyId(event))?.push(event);
    this.users.put(workspaceId, userId, cached ? cached.loadedAt : readStartedAt, profile, byKey);
    const merged = new Map([...(cached?.events ?? []), ...byKey]);
    return { profile, events: keys.flatMap((k) => merged.get(eventKeyId(k)) ?? []) };
  }
}
