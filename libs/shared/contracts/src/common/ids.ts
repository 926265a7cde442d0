import { z } from 'zod';

export const workspaceIdSchema = z
  .string()
  .regex(/^ws_[A-Za-z0-9]{8,40}$/, 'must be a workspace id (ws_…)');
/** The customer's own user id: any non-empty string up to 256 characters. */
export const userIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'must be ≤ 256 characters');
export const segmentIdSchema = z
  .string()
  .regex(/^seg_[A-Za-z0-9]{8,40}$/, 'must be a segment id (seg_…)');
export const experienceIdSchema = z
  .string()
  .regex(/^exp_[A-Za-z0-9]{8,40}$/, 'must be an experience id (exp_…)');
