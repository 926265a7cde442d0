import type { OverlapAudience } from '@seg/contracts';
import type { Combination } from '../../../read-model/membership-combinations';

export interface OverlapCounts {
  total: number;
  /** Per selected segment, in the order given. */
  segments: { id: string; members: number; adds: number }[];
  /** Per other audience, in the order given. */
  others: { key: string; overlap: number }[];
}

/**
 * The overlap figures of an audience, from the sets of segments of the users in it (each
 * user counted once: `combinations` covers every user of the workspace, or at least every
 * user of the audience, each in one entry). Definitions (apps/segments/README.md, "Audience overlap"):
 * - total: users in the audience;
 * - members(S): users in S; adds(S): users in S and in no other selected segment;
 * - overlap(E): users in the audience and in E's (`all`: every user; no segment: nobody).
 */
export function overlapCounts(
  audience: OverlapAudience,
  combinations: readonly Combination[],
  others: readonly { key: string; audience: OverlapAudience }[],
): OverlapCounts {
  const selected = audience.mode === 'segments' ? audience.segmentIds : [];
  const members = new Map(selected.map((id) => [id, 0]));
  const adds = new Map(selected.map((id) => [id, 0]));
  const overlaps = others.map(() => 0);
  const otherSets = others.map(({ audience: other }) =>
    other.mode === 'all' ? null : new Set(other.segmentIds),
  );
  let total = 0;
  for (const { segmentIds, users } of combinations) {
    const mine = segmentIds.filter((id) => members.has(id));
    if (audience.mode === 'segments' && mine.length === 0) continue;
    total += users;
    for (const id of mine) members.set(id, (members.get(id) ?? 0) + users);
    if (mine.length === 1) adds.set(mine[0], (adds.get(mine[0]) ?? 0) + users);
    otherSets.forEach((set, index) => {
      if (set === null || segmentIds.some((id) => set.has(id))) overlaps[index] += users;
    });
  }
  return {
    total,
    segments: selected.map((id) => ({
      id,
      members: members.get(id) ?? 0,
      adds: adds.get(id) ?? 0,
    })),
    others: others.map(({ key }, index) => ({ key, overlap: overlaps[index] })),
  };
}
