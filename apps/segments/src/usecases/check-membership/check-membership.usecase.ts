import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { evaluateMany } from '@seg/segment-engine';
import { CompiledSegments } from '../../membership/compiled-segments';
import { eventKeysOf } from '../../membership/event-keys';
import { MemberStore } from '../../reads/member-store';

export type CheckMembershipCommand = ParsedRequestOf<'segments.membership.check'>;

/**
 * Targeting: which of these segments contain this user now. Compiled segments come from
 * the cache; the one profile and only the events the segments count are read, by index.
 * Unknown segment ids, and users without a profile, are in nothing.
 */
@Injectable()
export class CheckMembershipUseCase {
  constructor(
    private readonly compiled: CompiledSegments,
    private readonly store: MemberStore,
  ) {}

  async execute({
    workspaceId,
    userId,
    segmentIds,
  }: CheckMembershipCommand): Promise<ResponseOf<'segments.membership.check'>> {
    if (segmentIds.length === 0) return { memberOf: [] };
    const [compiled, profile] = await Promise.all([
      this.compiled.get(workspaceId, segmentIds),
      this.store.findProfile(workspaceId, userId),
    ]);
    if (!profile || compiled.size === 0) return { memberOf: [] };
    const keys = eventKeysOf(compiled.values());
    const events = keys.length ? await this.store.findUserEvents(workspaceId, userId, keys) : [];
    const ids = [...compiled.keys()];
    const results = evaluateMany([...compiled.values()], { profile, events, now: new Date() });
    return { memberOf: ids.filter((_, index) => results[index]) };
  }
}
