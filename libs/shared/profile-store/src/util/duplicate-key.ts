/** MongoDB's (and FerretDB's) code for a write refused by a unique index (E11000). */
const DUPLICATE_KEY = 11000;

interface WriteErrorEntry {
  index: number;
  code?: number;
  err?: { code?: number };
}

/**
 * Indexes of the documents an unordered bulk write refused as duplicates;
 * undefined when the error is not a bulk error or any write failed for another reason.
 */
export function duplicateKeyIndexes(error: unknown): Set<number> | undefined {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  // The driver reports a single failed write as an object rather than an array.
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0) return undefined;
  const indexes = new Set<number>();
  for (const entry of list as WriteErrorEntry[]) {
    if ((entry.code ?? entry.err?.code) !== DUPLICATE_KEY) return undefined;
    indexes.add(entry.index);
  }
  return indexes;
}

/** True when a write failed only because a unique index already holds its key. */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ('writeErrors' in error && error.writeErrors) return duplicateKeyIndexes(error) !== undefined;
  return 'code' in error && error.code === DUPLICATE_KEY;
}
