import { estimateFromSample } from '@seg/segment-engine';
import { SAMPLE_BUCKETS, sampleBucket } from './sample-bucket';

describe('sampleBucket', () => {
  it('is stable: the same (workspace, user) always lands in the same bucket', () => {
    // Pinned: a change of the hash would move every stored user to another bucket.
    expect(sampleBucket('ws_a', 'u1')).toBe(sampleBucket('ws_a', 'u1'));
    expect([
      sampleBucket('ws_a', 'u1'),
      sampleBucket('ws_a', 'u2'),
      sampleBucket('ws_b', 'u1'),
      sampleBucket('ws_0123456789abcdef', 'alice@example.com'),
    ]).toEqual(PINNED);
  });

  it('depends on the workspace and keeps the pair unambiguous', () => {
    const moved = Array.from({ length: 200 }, (_, i) => `u${i}`).filter(
      (userId) => sampleBucket('ws_a', userId) !== sampleBucket('ws_b', userId),
    );
    expect(moved.length).toBeGreaterThan(180);
    expect(sampleBucket('ws_a', 'bc')).not.toBe(sampleBucket('ws_ab', 'c'));
  });

  it('spreads users uniformly over 0–99 (chi-square over 100,000 ids)', () => {
    const counts = new Array<number>(SAMPLE_BUCKETS).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const bucket = sampleBucket('ws_uniform', `user-${i}`);
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    // Every bucket is an integer of 0–99 (anything else would have grown the array).
    expect(counts).toHaveLength(SAMPLE_BUCKETS);
    const expected = n / SAMPLE_BUCKETS;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 99 degrees of freedom: the 99.9th percentile is 148.2.
    expect(chiSquare).toBeLessThan(148.2);
    expect(Math.min(...counts)).toBeGreaterThan(expected * 0.85);
  });
});

describe('sample buckets as a sample', () => {
  // The interval's promise, checked with the real buckets: a fixed segment of 400 members,
  // each of 1,000 workspaces (seeds of the hash) a different random assignment of the
  // members to buckets; scanning buckets 0..k-1, about 95% of the intervals hold the truth.
  it.each([1, 20])(
    'holds the true size in about 95%% of seeded datasets (%i buckets scanned)',
    (scanned) => {
      const size = 400;
      const members = Array.from({ length: size }, (_, i) => `member-${i}`);
      let covered = 0;
      let sumOfEstimates = 0;
      const trials = 1_000;
      for (let t = 0; t < trials; t++) {
        const workspaceId = `ws_seed${t}`;
        const found = members.filter((u) => sampleBucket(workspaceId, u) < scanned).length;
        const { estimate, interval } = estimateFromSample(found, scanned / SAMPLE_BUCKETS);
        if (interval[0] <= size && size <= interval[1]) covered += 1;
        sumOfEstimates += estimate;
      }
      expect(covered / trials).toBeGreaterThanOrEqual(0.93);
      expect(covered / trials).toBeLessThanOrEqual(0.985);
      // Unbiased: the mean estimate is the size.
      expect(Math.abs(sumOfEstimates / trials - size)).toBeLessThan(size * 0.03);
    },
  );
});

const PINNED = [96, 22, 68, 24];
