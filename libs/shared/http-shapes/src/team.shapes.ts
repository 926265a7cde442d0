import { z } from 'zod';
import { emailSchema, roleSchema } from './auth.shapes';

export const inviteIdSchema = z.string().regex(/^invt_[A-Za-z0-9]{8,40}$/, 'must be an invite id');
export const accountIdSchema = z
  .string()
  .regex(/^acc_[A-Za-z0-9]{8,40}$/, 'must be an account id (acc_…)');

/** `POST /v1/team/invites` (admin). */
export const createInviteBody = z.strictObject({ email: emailSchema, role: roleSchema });

export const inviteSchema = z.object({
  id: inviteIdSchema,
  email: z.string(),
  role: roleSchema,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});

/** The invite with its one-time token and link: shown only in this answer (stored hashed). */
export const createdInviteResponse = inviteSchema.extend({
  token: z.string().describe('One-time; the invitee signs up (or signs in) with it'),
  url: z.string().describe('The dashboard link to copy for the invitee'),
});

/** `GET /v1/team/invites` (admin): the invites not used, revoked or expired yet. */
export const inviteListResponse = z.object({ items: z.array(inviteSchema) });

export const inviteRevokedResponse = z.object({ id: inviteIdSchema, revoked: z.literal(true) });

export const memberSchema = z.object({
  accountId: accountIdSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: z.iso.datetime(),
});

/** `GET /v1/team/members`. */
export const memberListResponse = z.object({ items: z.array(memberSchema) });

/** `PUT /v1/team/members/:accountId` (admin). The last admin cannot be demoted (409). */
export const updateMemberBody = z.strictObject({ role: roleSchema });
export const memberResponse = memberSchema;

/** `DELETE /v1/team/members/:accountId` (admin). The last admin cannot be removed (409). */
export const memberRemovedResponse = z.object({
  accountId: accountIdSchema,
  removed: z.literal(true),
});
