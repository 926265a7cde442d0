import { sleep } from './request-limiter';
import { SyncError, VendorRateLimitError } from './sync-errors';
import type { SyncContext } from './sync-provider';

/**
 * One vendor request under the shared request limit: a vendor 429 is waited out
 * (its Retry-After / policy window) while the total wait stays within `maxWaitMs`;
 * every other failure is mapped to a SyncError by the provider's own `mapError`.
 */
export async function callVendor<T>(
  context: SyncContext,
  request: () => Promise<T>,
  mapError: (error: unknown) => SyncError,
  maxWaitMs: number,
): Promise<T> {
  let waited = 0;
  for (;;) {
    await context.beforeRequest();
    try {
      return await request();
    } catch (error) {
      const mapped = mapError(error);
      if (mapped instanceof VendorRateLimitError && waited + mapped.waitMs <= maxWaitMs) {
        waited += mapped.waitMs;
        await sleep(mapped.waitMs);
        continue;
      }
      throw mapped;
    }
  }
}
