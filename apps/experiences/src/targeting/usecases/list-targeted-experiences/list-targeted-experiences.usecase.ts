import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, TargetedExperience } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import { MembershipCache } from '../../membership.cache';
import { PublishedExperiencesCache, type PublishedSet } from '../../published-experiences.cache';

export type ListTargetedExperiencesCommand = ParsedRequestOf<'experiences.targeting.list'>;

/** The membership contract takes at most this many segment ids per request. */
const MEMBERSHIP_CHUNK = 1_000;

/**
 * The published experiences whose audience contains the user now: `all`, or at
 * least one listed segment the user is in. The segments service is asked in one
 * round trip, unless its last answer for this user still holds (MembershipCache:
 * dropped by every event that could change it, and at its `validUntil` when a relative
 * window decided it). An empty segment list targets nobody.
 */
@Injectable()
export class ListTargetedExperiencesUseCase {
  constructor(
    private readonly cache: PublishedExperiencesCache,
    private readonly bus: BusClient,
    private readonly memberships: MembershipCache,
  ) {}

  async execute({ workspaceId, userId }: ListTargetedExperiencesCommand): Promise<{
    experiences: TargetedExperience[];
    reusable: boolean;
    validUntil?: string;
  }> {
    const published = await this.cache.get(workspaceId);
    const { memberOf, reusable, validUntil } = await this.membership(
      workspaceId,
      userId,
      published,
    );
    const experiences = published.experiences
      .filter(
        (candidate) =>
          candidate.mode === 'all' || candidate.segmentIds.some((id) => memberOf.has(id)),
      )
      .map((candidate) => candidate.experience);
    return validUntil === undefined
      ? { experiences, reusable }
      : { experiences, reusable, validUntil: new Date(validUntil).toISOString() };
  }

  private async membership(
    workspaceId: string,
    userId: string,
    published: PublishedSet,
  ): Promise<{ memberOf: ReadonlySet<string>; reusable: boolean; validUntil?: number }> {
    const { segmentIds } = published;
    if (segmentIds.length === 0) return { memberOf: new Set(), reusable: true };
    const cached = this.memberships.get(workspaceId, userId, published);
    if (cached) {
      return cached.validUntil === undefined
        ? { memberOf: cached.memberOf, reusable: true }
        : { memberOf: cached.memberOf, reusable: false, validUntil: cached.validUntil };
    }
    const startedAt = Date.now();
    const chunks: string[][] = [];
    for (let i = 0; i < segmentIds.length; i += MEMBERSHIP_CHUNK) {
      chunks.push(segmentIds.slice(i, i + MEMBERSHIP_CHUNK));
    }
    // More than one chunk only beyond 1000 distinct segments; sent in parallel.
    const answers = await Promise.all(
      chunks.map((chunk) =>
        this.bus.request('segments.membership.check', {
          workspaceId,
          userId,
          segmentIds: chunk,
        }),
      ),
    );
    const memberOf = new Set(answers.flatMap((answer) => answer.memberOf));
    const reusable = answers.every((answer) => answer.reusable);
    if (reusable) {
      this.memberships.put(workspaceId, userId, { published, memberOf }, startedAt);
      return { memberOf, reusable };
    }
    // Kept until the earliest instant one chunk's answer may flip; not at all if one has none.
    let validUntil: number | undefined = Number.POSITIVE_INFINITY;
    for (const answer of answers) {
      if (answer.reusable) continue;
      if (answer.validUntil === undefined) validUntil = undefined;
      else if (validUntil !== undefined)
        validUntil = Math.min(validUntil, Date.parse(answer.validUntil));
    }
    if (validUntil === undefined || !Number.isFinite(validUntil)) return { memberOf, reusable };
    this.memberships.put(workspaceId, userId, { published, memberOf, validUntil }, startedAt);
    return { memberOf, reusable, validUntil };
  }
}
