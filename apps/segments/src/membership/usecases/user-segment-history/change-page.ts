import type { MembershipChangeView } from '@seg/contracts';
import { decodeCursor, encodeCursor } from '@seg/platform';
import { z } from 'zod';
import type { ChangeCursor } from '../../../read-model/read-model.repository';
import type { MembershipChangeDocument } from '../../../read-model/read-model.schemas';

/** Changes are newest first; the cursor is the last one's (at, _id). */
const changeCursor = z.object({ a: z.iso.datetime(), i: z.string().min(1).max(100) });

export function changeCursorOf(cursor: string | undefined): ChangeCursor | undefined {
  const decoded = decodeCursor(cursor, changeCursor);
  return decoded && { at: new Date(decoded.a), id: decoded.i };
}

export function nextChangeCursor(
  found: readonly MembershipChangeDocument[],
  limit: number,
): string | null {
  const last = found[limit - 1];
  return found.length > limit && last
    ? encodeCursor({ a: last.at.toISOString(), i: last._id })
    : null;
}

export const changeView = (doc: MembershipChangeDocument): MembershipChangeView => ({
  segmentId: doc.segmentId,
  userId: doc.userId,
  change: doc.change,
  at: doc.at.toISOString(),
  segmentVersion: doc.segmentVersion,
});
