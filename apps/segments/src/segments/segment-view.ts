import { DomainError, type SegmentView } from '@seg/contracts';
import { randomBytes } from 'node:crypto';
import type { SegmentDocument, SegmentEdit } from './segment.schema';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `seg_` + 20 random base62 characters. */
export function generateSegmentId(): string {
  const bytes = randomBytes(20);
  let out = 'seg_';
  for (const byte of bytes) out += BASE62[byte % 62];
  return out;
}

export function toSegmentView(doc: SegmentDocument): SegmentView {
  return {
    id: doc._id,
    name: doc.name,
    ...(doc.description !== undefined && doc.description !== null
      ? { description: doc.description }
      : {}),
    rules: doc.rules,
    version: doc.version,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

export function segmentNotFound(segmentId: string): DomainError {
  return new DomainError('NOT_FOUND', `Segment ${segmentId} not found`);
}

export function nameConflict(name: string): DomainError {
  return new DomainError('CONFLICT', `A segment named "${name}" already exists`, [
    { path: 'name', message: 'is already used by another segment of this workspace (any case)' },
  ]);
}

/**
 * A segment's edit log; a segment saved before the log existed gets its current version at
 * `updatedAt` (who is unknown).
 */
export function editsOf(document: SegmentDocument): SegmentEdit[] {
  return document.edits && document.edits.length > 0
    ? document.edits
    : [{ version: document.version, at: document.updatedAt }];
}

/**
 * The edit log as `GET /v1/segments/:id/history` answers it: the edits since `since`, and the
 * one live at `since` (oldest first; at least the current version).
 */
export function editViews(document: SegmentDocument, since: Date) {
  const edits = editsOf(document);
  const firstAfter = edits.findIndex((edit) => new Date(edit.at) >= since);
  const kept = firstAfter === -1 ? edits.slice(-1) : edits.slice(Math.max(0, firstAfter - 1));
  return kept.map((edit) => ({
    version: edit.version,
    at: new Date(edit.at).toISOString(),
    ...(edit.by ? { by: edit.by } : {}),
  }));
}
