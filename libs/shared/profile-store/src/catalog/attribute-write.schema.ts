import { Schema } from 'mongoose';
import type { CustomSource } from '@seg/segment-engine';

export const ATTRIBUTE_WRITE_MODEL = 'AttributeWrite';

/**
 * When a value of one attribute (native: `source` null) was last written for any user, by
 * the users service (messages applied, sync pages, kept records, tags). Only moves forward.
 */
export interface AttributeWrite {
  /** `<workspaceId>/<source or "native">/<key>`: writes go by `_id` (FerretDB's primary key). */
  _id: string;
  workspaceId: string;
  source: CustomSource | null;
  key: string;
  lastWrittenAt: Date;
}

export function attributeWriteId(
  workspaceId: string,
  source: CustomSource | null,
  key: string,
): string {
  return `${workspaceId}/${source ?? 'native'}/${key}`;
}

export const attributeWriteSchema = new Schema<AttributeWrite>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    source: { type: String, default: null },
    key: { type: String, required: true },
    lastWrittenAt: { type: Date, required: true },
  },
  { collection: 'attribute_writes', versionKey: false },
);
// The catalog reads one workspace's entries (top-level equality: pushed down).
attributeWriteSchema.index({ workspaceId: 1 });
