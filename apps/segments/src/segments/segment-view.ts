import { DomainError, type SegmentView } from '@seg/contracts';
import { randomBytes } from 'node:crypto';
import type { SegmentDocument } from './segment.schema';

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
