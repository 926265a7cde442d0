import { ROLES, type Role } from '@seg/http-shapes';
import type { SessionRule } from './auth.decorators';

/** Whether `role` is `needed` or more (viewer < editor < admin). */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Whether a rule needs a workspace (`X-Workspace-Id`) and a role there. */
export function needsWorkspace(rule: SessionRule): rule is Role {
  return rule !== 'signed-in';
}
