import { estimateFromSample } from './estimate';

describe('estimateFromSample', () => {
  it('is exact when everything was scanned, and never below the members found', () => {
    expect(estimateFromSample(37, 1)).toEqual({ estimate: 37, interval: [37, 37] });
    expect(estimateFromSample(0, 0.01).interval[0]).toBe(0);
    expect(estimateFromSample(0, 0.01).interval[1]).toBeGreaterThan(0);
    const some = estimateFromSample(12, 0.05);
    expect(some.estimate).toBe(240);
    expect(some.interval[0]).toBeGreaterThanOrEqual(12);
    expect(some.interval[0]).toBeLessThan(240);
    expect(some.interval[1]).toBeGreaterThan(240);
  });

  it('rejects a share outside (0, 1] and a non-count', () => {
    expect(() => estimateFromSample(1, 0)).toThrow(RangeError);
    expect(() => estimateFromSample(1, 1.5)).toThrow(RangeError);
    expect(() => estimateFromSample(-1, 0.5)).toThrow(RangeError);
  });

  // The interval's promise: a segment of 400 members among which each user is in the scanned
  // share independently (what hashed buckets give; the profile store's spec checks it with the
  // real buckets); over 2,000 seeded draws about 95% of the intervals hold the truth.
  it.each([0.01, 0.05, 0.2, 0.5])(
    'holds the true size in about 95%% of seeded samples (share %f)',
    (share) => {
      const size = 400;
      const random = seeded(20261201);
      let covered = 0;
      let sumOfEstimates = 0;
      const trials = 2_000;
      for (let t = 0; t < trials; t++) {
        let found = 0;
        for (let i = 0; i < size; i++) if (random() < share) found += 1;
        const { estimate, interval } = estimateFromSample(found, share);
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

/** A seeded uniform [0, 1) generator (mulberry32): the same draws on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
