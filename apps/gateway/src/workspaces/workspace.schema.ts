import { Schema } from 'mongoose';

export const WORKSPACE_MODEL = 'Workspace';

/**
 * A workspace as stored: its keys as sha256 hashes. `_id` is the `ws_…` id. The public key
 * (it ships in the browser SDK) is kept as is too, and of the secret key its last 4
 * characters, for the dashboard's key list; both are absent for keys made before that.
 */
export interface WorkspaceDocument {
  _id: string;
  name: string;
  publicKeyHash: string;
  secretKeyHash: string;
  publicKey?: string;
  secretKeyLast4?: string;
  createdAt: Date;
  keysRotatedAt?: Date;
  /** This workspace's own SDK rate limits (absent: the gateway's defaults). */
  sdkLimits?: SdkLimits;
}

/** Requests per RATE_LIMIT_WINDOW_MS for a public key: all end users, and each one. */
export interface SdkLimits {
  perWindow?: number;
  perUserPerWindow?: number;
}

export const WorkspaceSchema = new Schema<WorkspaceDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    publicKeyHash: { type: String, required: true },
    secretKeyHash: { type: String, required: true },
    publicKey: { type: String },
    secretKeyLast4: { type: String },
    createdAt: { type: Date, required: true },
    keysRotatedAt: { type: Date },
    sdkLimits: { _id: false, type: { perWindow: Number, perUserPerWindow: Number } },
  },
  { collection: 'workspaces', versionKey: false },
);
// Every authenticated request looks a workspace up by one of its key hashes.
WorkspaceSchema.index({ publicKeyHash: 1 }, { unique: true });
WorkspaceSchema.index({ secretKeyHash: 1 }, { unique: true });
