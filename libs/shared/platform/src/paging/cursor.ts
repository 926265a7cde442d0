import { DomainError } from '@seg/contracts';
import type { z } from 'zod';

/** Where a bad cursor is reported: every list takes it in its query string. */
const CURSOR_PATH = 'query.cursor';

/**
 * List cursors are opaque to clients: base64url JSON of the last position of the
 * previous page. Each list describes its position with a zod schema.
 */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * The position a cursor holds, checked by `schema`; undefined without a cursor (the
 * first page). Anything else than a cursor this list returned is a 400 at `query.cursor`.
 */
export function decodeCursor<S extends z.ZodType>(
  cursor: string | undefined,
  schema: S,
): z.output<S> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined; // not JSON: refused below like any other foreign cursor
  }
  const parsed = schema.safeParse(position);
  if (parsed.success) return parsed.data;
  throw new DomainError('VALIDATION_FAILED', 'Invalid cursor', [
    { path: CURSOR_PATH, message: 'is not a cursor returned by this list' },
  ]);
}
