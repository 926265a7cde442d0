import { workspaceIdSchema as workspaceId } from '@seg/contracts';
import { z } from 'zod';

/** A role in a workspace: what a signed-in account may do there (each includes the one before). */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Passwords: at least 10 characters; at most 200 (hashing cost is not the caller's to choose). */
export const PASSWORD_MIN_LENGTH = 10;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, 'must be at most 200 characters');
export const emailSchema = z.email('must be an email address').max(254).trim().toLowerCase();

/** The one-time token of an invite (`POST /v1/team/invites` answers it once). */
export const inviteTokenSchema = z
  .string()
  .regex(/^inv_[A-Za-z0-9]{20,64}$/, 'must be an invite token (inv_…)');

/** `GET /v1/auth/state`: whether the installation still needs its first account. */
export const authStateResponse = z.object({
  setupNeeded: z
    .boolean()
    .describe('True until the first account exists: the dashboard then offers Create account'),
});

/**
 * `POST /v1/auth/signup`: the first account of an installation (it becomes the admin of a new
 * workspace, `workspaceName`), or with an invite `token` (it joins the invite's workspace).
 */
export const signupBody = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1).max(200),
  token: inviteTokenSchema.optional(),
  workspaceName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('First account only: the name of its workspace (default "My workspace")'),
});

/**
 * `POST /v1/auth/login`. With an invite `token`, an account that exists already joins the
 * invite's workspace once the password is right.
 */
export const loginBody = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(200),
  token: inviteTokenSchema.optional(),
});

/** `POST /v1/auth/logout` takes no fields. */
export const logoutBody = z.strictObject({}).optional();

export const accountSchema = z.object({
  id: z.string().regex(/^acc_[A-Za-z0-9]{8,40}$/),
  email: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
});

export const accountWorkspaceSchema = z.object({
  id: workspaceId,
  name: z.string(),
  role: roleSchema,
});

/**
 * `GET /v1/auth/me` (also the answer of signup and login): the account, its workspaces with
 * its role in each, and the token that calls changing something send as `X-CSRF-Token`.
 */
export const meResponse = z.object({
  account: accountSchema,
  workspaces: z.array(accountWorkspaceSchema),
  csrfToken: z.string().describe('Send as the X-CSRF-Token header on POST, PUT, PATCH, DELETE'),
});

export const loggedOutResponse = z.object({ signedOut: z.literal(true) });

/**
 * `GET /v1/auth/invites/:token`: what an invite link is for, so the sign-up page can show it
 * (404 once it is used, revoked or expired).
 */
export const invitePreviewResponse = z.object({
  email: z.string(),
  role: roleSchema,
  workspace: z.object({ id: workspaceId, name: z.string() }),
  expiresAt: z.iso.datetime(),
});
