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
