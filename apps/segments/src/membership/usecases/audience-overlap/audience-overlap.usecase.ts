import { Injectable } from '@nestjs/common';
import { DomainError, type ParsedRequestOf, type ResponseOf } from '@seg/contracts';
import { MembershipCombinations } from '../../../read-model/membership-combinations';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { isCurrent } from '../../../read-model/recomputation';
import { CompiledSegments } from '../../compiled-segments';
import { mergeCombinations, overlapCounts } from './overlap-counts';

export type AudienceOverlapCommand = ParsedRequestOf<'segments.audience.overlap'>;

/** Reads of the read model in flight at once for one answer. */
const PARALLEL_READS = 4;

/**
 * An audience's overlap figures from the membership read model (`segment_memberships`, the
 * rows targeting and counts read): one grouped read per selected segment (only its members'
 * rows are decoded; `all`: one over the workspace), summed in memory (`overlapCounts`).
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
    private readonly combinations: MembershipCombinations,
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

    const asOf = new Date();
    const combinations =
      audience.mode === 'all'
        ? (await this.combinations.of(workspaceId, null)).map((combination) => ({
            segmentIds: combination.segmentIds.filter((id) => known.has(id)),
            users: combination.users,
          }))
        : mergeCombinations(
            selected,
            await inBatches(selected, PARALLEL_READS, (id) =>
              this.combinations.of(workspaceId, id),
            ),
            known,
          );
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
      asOf: asOf.toISOString(),
    };
  }
}

/** `work` over every item, at most `parallel` at a time; results in the items' order. */
async function inBatches<T, R>(
  items: readonly T[],
  parallel: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, lane));
  return results;
}
