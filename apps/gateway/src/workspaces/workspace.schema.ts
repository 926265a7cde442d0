import { Schema } from 'mongoose';

export const WORKSPACE_MODEL = 'Workspace';

/** A workspace as stored: its keys only as sha256 hashes. `_id` is the `ws_…` id. */
export interface WorkspaceDocument {
  _id: string;
  name: string;
  publicKeyHash: string;
  secretKeyHash: string;
  createdAt: Date;
  keysRotatedAt?: Date;
}

export const WorkspaceSchema = new Schema<WorkspaceDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    publicKeyHash: { type: String, required: true },
    secretKeyHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    keysRotatedAt: { type: Date },
  },
  { collection: 'workspaces', versionKey: false },
);
// Every authenticated request looks a workspace up by one of its key hashes.
WorkspaceSchema.index({ publicKeyHash: 1 }, { unique: true });
WorkspaceSchema.index({ secretKeyHash: 1 }, { unique: true });
