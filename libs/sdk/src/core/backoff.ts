/** Exponential backoff with jitter: attempt n waits between half and all of base·2ⁿ (capped). */
export function backoffDelay(
  attempt: number,
  random: () => number,
  baseMs = 500,
  maxMs = 30_000,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * `Retry-After` in ms: delta-seconds or an HTTP date (RFC 9110), or undefined when absent or
 * unreadable (the backoff applies then).
 */
export function retryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
