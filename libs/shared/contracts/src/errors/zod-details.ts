import type { z } from 'zod';
import type { ErrorDetail } from './error-codes';

/** Renders a zod issue path as `rules.conditions[2].operator`. */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

export function zodIssuesToDetails(error: z.ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path, prefix),
    message: issue.message,
  }));
}
