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
 * user counted once: `combinations` must cover the audience exactly, one entry per user
 * set). Definitions (apps/segments/README.md, "Audience overlap"):
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

/**
 * The sets of the audience's users, each user once, from one read per selected segment: a
 * set holding several selected segments comes back from each of their reads, and is kept
 * only from the read of the first of them in the selection's order. Ids that are not segments
 * of the workspace (a deleted segment's id lingering in rows) are dropped.
 */
export function mergeCombinations(
  selected: readonly string[],
  perSegment: readonly (readonly Combination[])[],
  known: ReadonlySet<string>,
): Combination[] {
  const order = new Map(selected.map((id, index) => [id, index]));
  const out: Combination[] = [];
  perSegment.forEach((combinations, index) => {
    for (const combination of combinations) {
      const segmentIds = combination.segmentIds.filter((id) => known.has(id));
      const first = Math.min(...segmentIds.map((id) => order.get(id) ?? Infinity));
      if (first === index) out.push({ segmentIds, users: combination.users });
    }
  });
  return out;
}
