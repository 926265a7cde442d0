export type CheckState = 'up' | 'down';

/** One external dependency a service reports on in its health check. */
export interface DependencyCheck {
  readonly name: string;
  check(): Promise<boolean>;
}

export const DEPENDENCY_CHECKS = Symbol('DEPENDENCY_CHECKS');

export async function runChecks(
  checks: DependencyCheck[],
  timeoutMs = 2_000,
): Promise<Record<string, CheckState>> {
  const entries = await Promise.all(
    checks.map(async (dependency) => {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const ok = await Promise.race([dependency.check().catch(() => false), timedOut]);
      clearTimeout(timer);
      return [dependency.name, ok ? 'up' : 'down'] as const;
    }),
  );
  return Object.fromEntries(entries);
}
