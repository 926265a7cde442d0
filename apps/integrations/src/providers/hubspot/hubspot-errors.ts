import {
  SyncError,
  VendorAuthError,
  VendorQuotaError,
  VendorRateLimitError,
  VendorRequestError,
  VendorTransientError,
} from '../../sync/sync-errors';

interface HubSpotApiError {
  code?: number;
  body?: { message?: string; policyName?: string; category?: string };
  headers?: Record<string, string>;
}

/** @hubspot/api-client's ApiException (status, JSON body, headers) → what the run does. */
export function mapHubSpotError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  // The client parses every body as JSON: a truncated page or an HTML error page lands here.
  if (error instanceof SyntaxError) {
    return new VendorTransientError(
      `HubSpot sent a response that is not valid JSON (${error.message})`,
    );
  }
  const { code, body, headers } = (error ?? {}) as HubSpotApiError;
  if (typeof code !== 'number' || code === 0) {
    return new VendorTransientError(`HubSpot unreachable: ${(error as Error)?.message ?? error}`);
  }
  const detail = body?.message ? `: ${body.message}` : '';
  if (code === 401 || code === 403) {
    return new VendorAuthError(
      `HubSpot rejected the access token (${code})${detail}. Reconnect with a valid private app token that has the crm.objects.contacts.read and crm.schemas.contacts.read scopes.`,
    );
  }
  if (code === 429) {
    if (body?.policyName === 'DAILY') {
      return new VendorQuotaError(
        'HubSpot daily API limit reached (policy DAILY); the run stopped and the next scheduled run continues.',
      );
    }
    const retryAfter = Number(headers?.['retry-after'] ?? headers?.['Retry-After']);
    const interval = Number(headers?.['x-hubspot-ratelimit-interval-milliseconds']);
    const waitMs =
      Number.isFinite(retryAfter) && retryAfter > 0
        ? retryAfter * 1_000
        : body?.policyName === 'TEN_SECONDLY_ROLLING' && Number.isFinite(interval) && interval > 0
          ? Math.min(interval, 10_000)
          : 1_000;
    return new VendorRateLimitError(
      `HubSpot rate limit (${body?.policyName ?? 'secondly'})${detail}`,
      waitMs,
    );
  }
  if (code >= 500) return new VendorTransientError(`HubSpot error ${code}${detail}`);
  return new VendorRequestError(`HubSpot refused the request (${code})${detail}`);
}
