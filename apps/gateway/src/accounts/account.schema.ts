import { Schema } from 'mongoose';
import type { Role } from '@seg/http-shapes';

export const ACCOUNT_MODEL = 'Account';
export const MEMBERSHIP_MODEL = 'Membership';
export const CLAIM_MODEL = 'Claim';

/** A person who signs in to the dashboard. `_id` is `acc_…`; the password only as a scrypt hash. */
export interface AccountDocument {
  _id: string;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  passwordHash: string;
  createdAt: Date;
}

export const AccountSchema = new Schema<AccountDocument>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    name: { type: String, required: true },
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'accounts', versionKey: false },
);
AccountSchema.index({ email: 1 }, { unique: true });

/**
 * An account's role in a workspace. `_id` is `<workspaceId>:<accountId>`: one membership per
 * pair, and the lookup made on every session call is by `_id`.
 */
export interface MembershipDocument {
  _id: string;
  workspaceId: string;
  accountId: string;
  role: Role;
  createdAt: Date;
}

export const MembershipSchema = new Schema<MembershipDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    accountId: { type: String, required: true },
    role: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'memberships', versionKey: false },
);
MembershipSchema.index({ accountId: 1 });
MembershipSchema.index({ workspaceId: 1 });

/**
 * One-time things, claimed by inserting their `_id` (`setup`: the first account; `invite:<id>`):
 * the unique `_id` makes the claim atomic on MongoDB and FerretDB alike, where a
 * read-then-update would let two concurrent callers both win.
 */
export interface ClaimDocument {
  _id: string;
  by: string;
  at: Date;
}

export const ClaimSchema = new Schema<ClaimDocument>(
  {
    _id: { type: String, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'claims', versionKey: false },
);
