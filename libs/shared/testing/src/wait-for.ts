import { inspect } from 'node:util';

type Falsy = undefined | null | false | 0 | '';

export interface WaitForOptions {
  /** Fails after this long (default 5 s). */
  timeoutMs?: number;
  /** Pause between probes (default 25 ms). */
  intervalMs?: number;
  /** Named in the failure message: "waiting for <what>". */
  what?: string;
}

/**
 * The one polling helper of the test suites: calls `probe` until its value is truthy
 * (or passes `until`), and answers that value. A probe that throws is tried again. On
 * the deadline it fails with the last value and the last error it saw, so a timeout
 * says what was there instead of what was not.
 */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  options: WaitForOptions & { until: (value: T) => boolean },
): Promise<T>;
export async function waitFor<T>(
  probe: () => Promise<T | Falsy> | T | Falsy,
  options?: WaitForOptions,
): Promise<T>;
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  {
    timeoutMs = 5_000,
    intervalMs = 25,
    what = 'condition',
    until = Boolean,
  }: WaitForOptions & { until?: (value: T) => boolean } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let seen: { value: T } | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (until(value)) return value;
      seen = { value };
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const lastSeen = [
    seen ? `last value: ${describe(seen.value)}` : 'no value (every probe threw)',
    lastError === undefined ? undefined : `last error: ${describe(lastError)}`,
  ].filter(Boolean);
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; ${lastSeen.join('; ')}`);
}

const MAX_DESCRIPTION = 2_000;

function describe(value: unknown): string {
  const text =
    value instanceof Error
      ? `${value.name}: ${value.message}`
      : inspect(value, { depth: 6, breakLength: Infinity });
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}…` : text;
}
