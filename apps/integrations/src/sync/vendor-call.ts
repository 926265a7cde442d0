import { sleep } from './request-limiter';
import { SyncError, VendorRateLimitError, VendorTransientError } from './sync-errors';
import type { SyncContext } from './sync-provider';

export interface VendorCallLimits {
  /** Who answers, for the timeout's message ("HubSpot"). */
  vendor: string;
  /** The longest total wait for the vendor's 429s within one call. */
  maxWaitMs: number;
  /** One request's longest wait for an answer (VENDOR_TIMEOUT_MS). */
  timeoutMs: number;
}

/**
 * One vendor request under the shared request limit: a vendor 429 is waited out
 * (its Retry-After / policy window) while the total wait stays within `maxWaitMs`; a request
 * with no answer after `timeoutMs` fails as transient (the job is retried). Every other
 * failure is mapped to a SyncError by the provider's own `mapError`.
 */
export async function callVendor<T>(
  context: SyncContext,
  request: () => Promise<T>,
  mapError: (error: unknown) => SyncError,
  limits: VendorCallLimits,
): Promise<T> {
  let waited = 0;
  for (;;) {
    await context.beforeRequest();
    try {
      return await withTimeout(request(), limits);
    } catch (error) {
      const mapped = mapError(error);
      if (mapped instanceof VendorRateLimitError && waited + mapped.waitMs <= limits.maxWaitMs) {
        waited += mapped.waitMs;
        await sleep(mapped.waitMs);
        continue;
      }
      throw mapped;
    }
  }
}

/**
 * The answer, or a transient error once `timeoutMs` pass. The request itself is left to end
 * on its own: @hubspot/api-client takes no abort signal, and its per-client agent option is
 * never applied (the generated API drops the configured middleware).
 */
function withTimeout<T>(answer: Promise<T>, limits: VendorCallLimits): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new VendorTransientError(`${limits.vendor} did not answer within ${limits.timeoutMs} ms`),
        ),
      limits.timeoutMs,
    );
  });
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}
