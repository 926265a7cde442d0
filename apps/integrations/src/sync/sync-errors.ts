/**
 * Vendor failures mapped to what a run does about them. Each provider maps its
 * client's errors (HTTP status, body) to one of these; the run reacts by class.
 */
export abstract class SyncError extends Error {
  /** Unrecoverable: the run fails at once, no retry (a retry cannot help). */
  abstract readonly fatal: boolean;
}

/** 401/403: the token or key is wrong or lacks a scope. */
export class VendorAuthError extends SyncError {
  readonly fatal = true;
}

/** A quota that a retry within the run cannot wait out (HubSpot's DAILY limit). */
export class VendorQuotaError extends SyncError {
  readonly fatal = true;
}

/** A short rate limit (HubSpot TEN_SECONDLY_ROLLING, Customer.io 429): wait, then retry. */
export class VendorRateLimitError extends SyncError {
  readonly fatal = false;
  constructor(
    message: string,
    readonly waitMs: number,
  ) {
    super(message);
  }
}

/** 5xx, timeouts, network: the job is retried with exponential backoff. */
export class VendorTransientError extends SyncError {
  readonly fatal = false;
}

/** 4xx other than the above: our request is wrong; retrying repeats it. */
export class VendorRequestError extends SyncError {
  readonly fatal = true;
}
