import type { OverlapAudience } from '@seg/contracts';
import { overlapCounts } from './overlap-counts';

/** A small seeded generator (mulberry32), so a failure repeats. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ids = ['seg_aaaaaaaa', 'seg_bbbbbbbb', 'seg_cccccccc', 'seg_dddddddd', 'seg_eeeeeeee'];

describe('overlapCounts over the users grouped by their sets of segments', () => {
  it('equals a user-by-user count for random users and audiences', () => {
    for (let run = 0; run < 50; run++) {
      const next = random(run + 1);
      const users = Array.from({ length: 200 }, () =>
        ids.filter(() => next() < 0.3).concat(next() < 0.1 ? ['seg_deleted0'] : []),
      );
      const pick = () => ids.filter(() => next() < 0.4);
      const selected = pick();
      const audience: OverlapAudience =
        run % 7 === 0 ? { mode: 'all' } : { mode: 'segments', segmentIds: selected };
      const others = [
        { key: 'a', audience: { mode: 'segments', segmentIds: pick() } as OverlapAudience },
        { key: 'b', audience: { mode: 'all' } as OverlapAudience },
        { key: 'c', audience: { mode: 'segments', segmentIds: [] } as OverlapAudience },
      ];
      // What the database answers: per selected segment, its members' sets grouped.
      const grouped = (members: string[][]) => {
        const counts = new Map<string, number>();
        for (const set of members) counts.set(set.join(','), (counts.get(set.join(',')) ?? 0) + 1);
        return [...counts].map(([key, n]) => ({ segmentIds: key ? key.split(',') : [], users: n }));
      };
      const known = new Set(ids);
      // Deleted ids dropped, as the use case does.
      const combinations = grouped(users).map((c) => ({
        ...c,
        segmentIds: c.segmentIds.filter((id) => known.has(id)),
      }));
      const counts = overlapCounts(audience, combinations, others);

      const inAudience = (set: string[], a: OverlapAudience) =>
        a.mode === 'all' || set.some((id) => a.segmentIds.includes(id));
      const mine = users.filter((set) => inAudience(set, audience));
      expect(counts.total).toBe(mine.length);
      expect(counts.segments).toEqual(
        selected.length && audience.mode === 'segments'
          ? selected.map((id) => ({
              id,
              members: users.filter((set) => set.includes(id)).length,
              adds: users.filter(
                (set) => set.includes(id) && !set.some((o) => o !== id && selected.includes(o)),
              ).length,
            }))
          : [],
      );
      expect(counts.others).toEqual(
        others.map(({ key, audience: other }) => ({
          key,
          overlap: mine.filter((set) => inAudience(set, other)).length,
        })),
      );
    }
  });
});
