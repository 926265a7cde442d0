import type { z } from 'zod';

/** One validation error: the offending path (as in `rules.conditions[2].operator`) and why. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type PathPart = string | number;

export function formatPath(base: string, parts: readonly PropertyKey[]): string {
  let out = base;
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Turns zod issues into ValidationIssues under `base`, one per unknown key. */
export function fromZodIssues(
  base: string,
  issues: readonly z.core.$ZodIssue[],
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: formatPath(base, [...issue.path, key]), message: 'unknown field' });
      }
    } else {
      out.push({ path: formatPath(base, issue.path), message: issue.message });
    }
  }
  return out;
}
