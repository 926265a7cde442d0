import type { ErrorDetail } from '@seg/contracts';

/** One validation error: the offending path (as in `rules.conditions[2].operator`) and why. */
export type ValidationIssue = ErrorDetail;
