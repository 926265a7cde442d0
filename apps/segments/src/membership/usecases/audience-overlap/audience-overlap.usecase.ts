import { Injectable } from '@nestjs/common';
import { DomainError, type ParsedRequestOf, type ResponseOf } from '@seg/contracts';
import { MembershipSnapshots } from '../../../read-model/membership-snapshots';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { isCurrent } from '../../../read-model/recomputation';
import { CompiledSegments } from '../../compiled-segments';
import { overlapCounts } from './overlap-counts';

export type AudienceOverlapCommand = ParsedRequestOf<'segments.audience.overlap'>;

/**
 * How long an answer waits for a snapshot being taken (the first question of a workspace, or
 * the first after a segment change): past it, `counting` (the bus gives up at 5 s; a grouped
 * read of 100,000 rows takes longer than that on FerretDB under load). The read goes on and
 * the next question, a moment later, is answered from it.
 */
export const SNAPSHOT_WAIT_MS = 2_500;

/**
 * An audience's overlap figures from the membership read model (`segment_memberships`, the
 * rows targeting and counts read): the workspace's users grouped by their whole set of
 * segments (`MembershipSnapshots`: one grouped read, reused for 15 s and while no definition
 * or state changes), summed in memory (`overlapCounts`).
 * `ready` when every segment involved is fully computed from its current definition (its
 * state's versions are the current ones, as for targeting); otherwise the figures are the rows
 * as they stand, `estimated`, with the segments still `pending` and the recomputation's
 * progress.
 */
@Injectable()
export class AudienceOverlapUseCase {
  constructor(
    private readonly compiled: CompiledSegments,
    private readonly repository: ReadModelRepository,
    private readonly snapshots: MembershipSnapshots,
  ) {}

  async execute(command: AudienceOverlapCommand): Promise<ResponseOf<'segments.audience.overlap'>> {
    const { workspaceId, audience, others } = command;
    const selected = audience.mode === 'segments' ? audience.segmentIds : [];
    let segments = await this.compiled.current(workspaceId, false);
    if (selected.some((id) => !segments.versions.has(id))) {
      // Maybe created a moment ago through another instance: look again without the cache.
      this.compiled.invalidate(workspaceId);
      segments = await this.compiled.current(workspaceId, false);
    }
    const unknown = selected
      .map((id, index) => ({ id, index }))
      .filter(({ id }) => !segments.versions.has(id));
    if (unknown.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Unknown segment: ${unknown.map(({ id }) => id).join(', ')}`,
        unknown.map(({ id, index }) => ({
          path: `audience.segmentIds[${index}]`,
          message: `no segment ${id} in this workspace`,
        })),
      );
    }
    const known = new Set(segments.versions.keys());

    const [states, recompute] = await Promise.all([
      this.repository.states(workspaceId),
      this.repository.recompute(workspaceId),
    ]);
    const stateOf = new Map(states.map((state) => [state._id, state]));
    const involved = new Set(selected);
    for (const { audience: other } of others) {
      if (other.mode === 'segments') {
        for (const id of other.segmentIds) if (known.has(id)) involved.add(id);
      }
    }
    const pending = [...involved].filter(
      (id) => !isCurrent(stateOf.get(id), segments.deps.get(id)),
    );

    const signature = JSON.stringify([
      [...segments.versions].sort(byFirst),
      states.map((state) => [state._id, sortedEntries(state.deps)]).sort(byFirst),
    ]);
    const snapshot = await within(this.snapshots.get(workspaceId, signature), SNAPSHOT_WAIT_MS);
    if (snapshot === undefined) {
      return {
        total: 0,
        segments: selected.map((id) => ({
          id,
          name: segments.names.get(id) ?? id,
          members: 0,
          adds: 0,
        })),
        others: others.map(({ key }) => ({ key, overlap: 0 })),
        status: 'counting',
        pending,
        estimated: true,
        asOf: new Date().toISOString(),
      };
    }
    // A deleted segment's id may linger in rows until its recomputation: left out.
    const combinations = snapshot.combinations.map((combination) => ({
      segmentIds: combination.segmentIds.filter((id) => known.has(id)),
      users: combination.users,
    }));
    const counts = overlapCounts(audience, combinations, others);

    const status = pending.length === 0 ? 'ready' : recompute?.failed ? 'failed' : 'computing';
    return {
      total: counts.total,
      segments: counts.segments.map((segment) => ({
        ...segment,
        name: segments.names.get(segment.id) ?? segment.id,
      })),
      others: counts.others,
      status,
      ...(status === 'computing' && {
        progress: recompute ? Math.min(1, recompute.processed / Math.max(1, recompute.total)) : 0,
      }),
      pending,
      estimated: pending.length > 0,
      asOf: snapshot.takenAt.toISOString(),
    };
  }
}

/** The promise's value if it settles within `ms`, else undefined (its rejection is thrown). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const byFirst = (a: readonly unknown[], b: readonly unknown[]) =>
  String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0;
const sortedEntries = (deps: Record<string, number>) => Object.entries(deps).sort(byFirst);
