import { DomainError } from '@seg/contracts';
import { z } from 'zod';

/** Cursors are opaque to clients: base64url JSON of the last position of the previous page. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(
  cursor: string | undefined,
  schema: S,
): z.output<S> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: not JSON
  }
  throw new DomainError('VALIDATION_FAILED', 'Invalid cursor', [
    { path: 'cursor', message: 'is not a cursor returned by this list' },
  ]);
}

/** Members are ordered by userId; the cursor is the last userId of the previous page. */
export const memberCursor = z.object({ u: z.string().min(1).max(256) });
