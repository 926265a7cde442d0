import {
  SyncError,
  VendorAuthError,
  VendorRateLimitError,
  VendorRequestError,
  VendorTransientError,
} from '../../sync/sync-errors';

interface CustomerIoError {
  statusCode?: number;
  message?: string;
  response?: { headers?: Record<string, string> };
}

/** customerio-node's CustomerIORequestError (or a fetch failure) → what the run does. */
export function mapCustomerIoError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const { statusCode, message, response } = (error ?? {}) as CustomerIoError;
  if (typeof statusCode !== 'number') {
    return new VendorTransientError(`Customer.io unreachable: ${message ?? String(error)}`);
  }
  if (statusCode === 401 || statusCode === 403) {
    return new VendorAuthError(
      `Customer.io rejected the App API key (${statusCode}). Reconnect with an App API key (Bearer) of this workspace and region.`,
    );
  }
  if (statusCode === 429) {
    const retryAfter = Number(response?.headers?.['retry-after']);
    return new VendorRateLimitError(
      'Customer.io rate limit (429)',
      Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.max(retryAfter * 1_000, 100) : 1_000,
    );
  }
  if (statusCode >= 500 || statusCode === 408) {
    return new VendorTransientError(`Customer.io error ${statusCode}: ${message ?? ''}`);
  }
  return new VendorRequestError(
    `Customer.io refused the request (${statusCode}): ${message ?? ''}`,
  );
}
