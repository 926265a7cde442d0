import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { metricCounter } from '@seg/platform';
import { evaluateMany } from '@seg/segment-engine';
import { CompiledSegments } from '../../compiled-segments';
import { eventKeysOf } from '../../event-keys';
import { eventKeyId, UserSnapshotCache } from '../../user-snapshot-cache';
import { MemberStore } from '../../../reads/member-store';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { membershipKey, type SegmentStateDocument } from '../../../read-model/read-model.schemas';
import { SegmentStatesCache } from '../../../read-model/segment-states.cache';
import { MembershipFreshness } from '../../membership-freshness';
import type { CompiledSegment, EventDocument, ProfileDocument } from '@seg/segment-engine';

export type CheckMembershipCommand = ParsedRequestOf<'segments.membership.check'>;

/**
 * How each targeting answer was made: `read_model` (the row alone), `partly` (the row, and
 * some segments evaluated), `evaluated` (no usable row: every segment evaluated).
 */
const answers = metricCounter({
  name: 'segments_targeting_answers_total',
  help: 'Targeting answers (segments.membership.check) by path: read_model, partly, evaluated',
  labelNames: ['path'],
});

/** Whether the read model's state of a segment was computed from these versions. */
const computedFrom = (
  state: SegmentStateDocument | undefined,
  deps: ReadonlyMap<string, number>,
): boolean =>
  state !== undefined &&
  Object.keys(state.deps).length === deps.size &&
  [...deps].every(([id, version]) => state.deps[id] === version);

/**
 * Targeting: which of these segments contain this user now. Compiled segments and the
 * read model's segment states come from memory; the answer is the user's row of the read
 * model (one read by key) for every asked segment the row can answer, and the one-user
 * evaluator for the others:
 *
 * - a segment whose state was not computed from its current versions (just created or
 *   edited, or one it references was; its recomputation has not finished) is evaluated;
 * - all are evaluated when the user has no row, or the row does not reflect the newest
 *   change of the user's data heard (MembershipFreshness: the worker has not written it yet);
 * - time-dependent ones are evaluated when the row's `nextChangeAt` has passed (a relative
 *   window flipped and the worker's due job has not run yet).
 *
 * `reusable` when no asked segment is time-dependent, or when every time-dependent one came
 * from a row without `nextChangeAt` (no flip by time alone for this user); otherwise, when
 * every time-dependent one came from the row, `validUntil` = its `nextChangeAt` (none flips
 * before: the caches may keep the answer until then under the same events).
 *
 * Evaluating reads the one profile and only the events those segments count, by index,
 * reused from a short-lived cache (see UserSnapshotCache). Unknown segment ids, and users
 * without a profile, are in nothing (a row exists only for a user with a profile).
 */
@Injectable()
export class CheckMembershipUseCase {
  constructor(
    private readonly compiled: CompiledSegments,
    private readonly store: MemberStore,
    private readonly users: UserSnapshotCache,
    private readonly readModel: ReadModelRepository,
    private readonly states: SegmentStatesCache,
    private readonly freshness: MembershipFreshness,
  ) {}

  async execute({
    workspaceId,
    userId,
    segmentIds,
  }: CheckMembershipCommand): Promise<ResponseOf<'segments.membership.check'>> {
    if (segmentIds.length === 0) return { memberOf: [], reusable: true };
    const [asked, states, row] = await Promise.all([
      this.compiled.getWithDeps(workspaceId, segmentIds),
      this.states.of(workspaceId),
      this.readModel.membership(workspaceId, membershipKey(workspaceId, userId)),
    ]);
    const trusted = this.freshness.reflects(workspaceId, userId, row) ? row : null;
    const due = trusted?.nextChangeAt ? trusted.nextChangeAt.getTime() <= Date.now() : false;
    const found = new Set<string>();
    const live = new Map<string, CompiledSegment>();
    for (const [id, { compiled, deps }] of asked) {
      if (trusted && computedFrom(states.get(id), deps) && !(due && compiled.timeDependent)) {
        if (trusted.segmentIds.includes(id)) found.add(id);
      } else {
        live.set(id, compiled);
      }
    }
    for (const id of await this.memberOf(workspaceId, userId, live)) found.add(id);
    answers.inc({ path: !trusted ? 'evaluated' : live.size > 0 ? 'partly' : 'read_model' });
    const memberOf = [...asked.keys()].filter((id) => found.has(id));
    const reusable = [...asked.values()].every(({ compiled }) => !compiled.timeDependent);
    if (reusable || !trusted || [...live.values()].some((segment) => segment.timeDependent)) {
      return { memberOf, reusable };
    }
    // Every time-dependent answer came from the row: none flips before its nextChangeAt
    // (none at all when it has none: only events can change the answer then).
    return trusted.nextChangeAt
      ? { memberOf, reusable, validUntil: trusted.nextChangeAt.toISOString() }
      : { memberOf, reusable: true };
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
