import { z } from 'zod';
import { LIMITS, TIME_UNITS } from '../rules/operators';
import { parseIsoDate } from '../compile/time';

/** Why a key (custom attribute or event property path) is refused, or undefined if fine. */
export function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'key must not be empty';
  if (key.length > LIMITS.maxKeyLength) return `key must be at most ${LIMITS.maxKeyLength} chars`;
  if (key.startsWith('$')) return 'key must not start with "$"';
  const segments = key.split('.');
  if (segments.some((s) => s === '')) return 'key must not contain an empty path segment';
  if (segments.some((s) => s.startsWith('$'))) return 'a key path segment must not start with "$"';
  if (key.includes('\0')) return 'key must not contain a NUL character';
  return undefined;
}

export const keySchema = z.string().superRefine((key, ctx) => {
  const problem = keyProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const idSchema = z.string().min(1).max(LIMITS.maxIdLength);

export const isoDateSchema = z
  .string()
  .refine((s) => parseIsoDate(s) !== undefined, 'must be an ISO-8601 date or date-time');

export const windowSchema = z.strictObject({
  amount: z.number().int().min(1).max(LIMITS.maxWindowAmount),
  unit: z.enum(TIME_UNITS),
});

export const textSchema = z.string().max(LIMITS.maxStringLength);

export const textListSchema = z.array(textSchema).min(1).max(LIMITS.maxListValues);
