import { Schema } from 'mongoose';
import type { Role } from '@seg/http-shapes';

export const INVITE_MODEL = 'Invite';

/**
 * An invite to a workspace: its one-time token only as a sha256 hash. Used or revoked once,
 * through the claim `invite:<_id>` (AccountRepository.claim): `usedAt`/`revokedAt` record it.
 */
export interface InviteDocument {
  _id: string;
  workspaceId: string;
  email: string;
  role: Role;
  tokenHash: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt?: Date;
  usedBy?: string;
  revokedAt?: Date;
}

export const InviteSchema = new Schema<InviteDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    email: { type: String, required: true },
    role: { type: String, required: true },
    tokenHash: { type: String, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date },
    usedBy: { type: String },
    revokedAt: { type: Date },
  },
  { collection: 'invites', versionKey: false },
);
InviteSchema.index({ tokenHash: 1 }, { unique: true });
InviteSchema.index({ workspaceId: 1 });
