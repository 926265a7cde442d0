import { DomainError } from '@seg/contracts';
import type { Role } from '@seg/http-shapes';
import type { Membership } from '../accounts/account.repository';

/**
 * Refuses (409) to leave a workspace without an admin: `accountId` is about to lose its role
 * (`newRole`, or removal when undefined). Answers the member's membership (404 when none).
 */
export function keepAnAdmin(
  members: readonly Membership[],
  accountId: string,
  newRole: Role | undefined,
): Membership {
  const member = members.find((membership) => membership.accountId === accountId);
  if (!member) throw new DomainError('NOT_FOUND', 'Member not found');
  const admins = members.filter((membership) => membership.role === 'admin');
  if (member.role === 'admin' && newRole !== 'admin' && admins.length === 1) {
    throw new DomainError(
      'CONFLICT',
      newRole === undefined
        ? 'The last admin of a workspace cannot be removed: make another member admin first'
        : 'The last admin of a workspace cannot be demoted: make another member admin first',
    );
  }
  return member;
}
