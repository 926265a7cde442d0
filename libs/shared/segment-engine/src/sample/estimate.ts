/** A segment's size estimated from the members found in a sample of its workspace's users. */
export interface SampleEstimate {
  /** Members found divided by the share scanned, rounded. */
  estimate: number;
  /** 95% interval (inclusive); never below the members found. */
  interval: [number, number];
}

/** z of a two-sided 95% interval. */
const Z95 = 1.959964;

/**
 * Estimates a segment's size from `found` members in a `share` (0 < share ≤ 1) of the
 * workspace's users, when each user is in the share independently with probability `share`
 * (sample buckets are a hash of the user: scanning k of 100 buckets is such a sample with
 * share k/100). Then `found ~ Binomial(size, share)`, and the interval is the score (Wilson)
 * interval of that binomial solved for `size`, with a continuity correction (without it a
 * scan of one bucket, a handful of members found, covered the truth 92% of the time): every
 * `size` with `(|found - size·share| - ½)² ≤ z²·size·share·(1 - share)`. It needs no count of
 * the users, and it is exact (`[found, found]`) when everything was scanned.
 */
export function estimateFromSample(found: number, share: number, z = Z95): SampleEstimate {
  if (!(share > 0 && share <= 1)) throw new RangeError('share must be in (0, 1]');
  if (!(Number.isInteger(found) && found >= 0)) throw new RangeError('found must be a count');
  if (share === 1) return { estimate: found, interval: [found, found] };
  const low = found === 0 ? 0 : scoreRoots(found - 0.5, share, z)[0];
  const high = scoreRoots(found + 0.5, share, z)[1];
  return {
    estimate: Math.round(found / share),
    interval: [Math.max(found, Math.floor(low)), Math.ceil(high)],
  };
}

/** The sizes where `(found - size·share)² = z²·size·share·(1 - share)`, smaller first. */
function scoreRoots(found: number, share: number, z: number): [number, number] {
  const q = z * z * share * (1 - share);
  // share²·size² − (2·found·share + q)·size + found² = 0
  const b = 2 * found * share + q;
  const root = Math.sqrt(b * b - 4 * share * share * found * found);
  return [(b - root) / (2 * share * share), (b + root) / (2 * share * share)];
}
