import { MongoNetworkError, MongoServerSelectionError, MongoTopologyClosedError } from 'mongodb';

/** Seconds a caller is asked to wait when the database is briefly unreachable (a restart). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

const TRANSIENT = [MongoNetworkError, MongoServerSelectionError, MongoTopologyClosedError];

/**
 * The database could not be reached (closed connection, no server to select, a restart):
 * the write may be tried again as it was. A bulk write reports such a failure inside its
 * error (`errorResponse` or `cause`), so those are looked at too.
 */
export function isTransientDatabaseError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  if (TRANSIENT.some((type) => error instanceof type)) return true;
  const nested = error as Error & { errorResponse?: unknown; cause?: unknown };
  return (
    isTransientDatabaseError(nested.errorResponse, depth + 1) ||
    isTransientDatabaseError(nested.cause, depth + 1)
  );
}
