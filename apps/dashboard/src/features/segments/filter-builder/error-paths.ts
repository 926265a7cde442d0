import type { ValidationIssue } from '@seg/segment-engine';

/** One API validation detail, as in the 400 body `{ error, message, details: [...] }`. */
export type FieldIssue = ValidationIssue;

/**
 * The issues that concern the node at `nodePath` itself (not the items of a group, which
 * show their own): `rules.conditions[1].operator` belongs to `rules.conditions[1]`.
 */
export function issuesOfNode(
  issues: readonly FieldIssue[],
  nodePath: string,
  isGroupNode: boolean,
): FieldIssue[] {
  return issues.filter((issue) => {
    if (issue.path !== nodePath && !issue.path.startsWith(`${nodePath}.`)) return false;
    if (!isGroupNode) return true;
    return !issue.path.startsWith(`${nodePath}.conditions[`);
  });
}

/** The part of an issue's path below its node (`operator`, `occurrence.count`), for display. */
export function fieldOf(issue: FieldIssue, nodePath: string): string {
  return issue.path.slice(nodePath.length).replace(/^\./, '');
}

/** A lint warning about valid rules: the node its path names, a code, what to tell people. */
export interface RuleWarning {
  path: string;
  code: string;
  message: string;
  related?: string[];
}

/** The warnings about exactly this node (a filter's or a group's own, not its items'). */
export function warningsOfNode(warnings: readonly RuleWarning[], nodePath: string): RuleWarning[] {
  return warnings.filter((warning) => warning.path === nodePath);
}

/**
 * The filters a warning also involves, as people number them (`rules.conditions[1].conditions[0]`
 * is filter 2.1), or an empty string.
 */
export function relatedPositions(warning: RuleWarning, basePath: string): string {
  const positions = (warning.related ?? [])
    .filter((path) => path.startsWith(basePath))
    .map((path) =>
      [...path.slice(basePath.length).matchAll(/\[(\d+)\]/g)]
        .map((match) => Number(match[1]) + 1)
        .join('.'),
    );
  return positions.length === 0 ? '' : ` (with filter ${positions.join(', ')})`;
}
