import type { z } from 'zod';
import type { ErrorDetail } from './error-codes';

/** Renders a zod issue path under `prefix` as `rules.conditions[2].operator`. */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/**
 * The one way zod issues become error details, paths under `prefix`. An unknown
 * key is reported at its own path (`body.extra`: "unknown field"), one detail per
 * key, so a client can show it next to the field like any other detail.
 */
export function zodIssuesToDetails(error: z.ZodError, prefix = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        details.push({ path: formatPath([...issue.path, key], prefix), message: 'unknown field' });
      }
    } else {
      details.push({ path: formatPath(issue.path, prefix), message: issue.message });
    }
  }
  return details;
}
