import { DomainError } from '@seg/contracts';
import type { ProfilePosition } from '@seg/profile-store';

/** An opaque cursor: the last item's (lastActivityAt, userId), base64url JSON. */
export function encodeCursor(position: ProfilePosition): string {
  return Buffer.from(JSON.stringify([position.lastActivityAt.getTime(), position.userId])).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): ProfilePosition {
  try {
    const [time, userId] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (typeof time === 'number' && Number.isFinite(time) && typeof userId === 'string') {
      return { lastActivityAt: new Date(time), userId };
    }
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION_FAILED', 'Invalid cursor', [
    { path: 'query.cursor', message: 'not a cursor returned by this list' },
  ]);
}
