/**
 * How a benchmark script hands its figures to the harness (bench/run.mjs):
 * one line `BENCH_RESULT {"metrics":{…}}` on stdout. Scripts still print
 * their own human-readable table above it.
 */
export function reportResult(metrics: Record<string, number>, notes: Record<string, string> = {}) {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ metrics, notes })}\n`);
}

/** True when the harness asks for the small, quick size (`npm run bench -- --small`). */
export const isSmallRun = () => process.env.BENCH_SIZE === 'small';
