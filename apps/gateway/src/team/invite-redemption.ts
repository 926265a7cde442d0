import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import { AccountRepository } from '../accounts/account.repository';
import { hashKey } from '../auth/api-keys';
import { Invite, InviteRepository, isPending } from './invite.repository';

const REFUSED = () =>
  new DomainError('VALIDATION_FAILED', 'This invite cannot be used', [
    { path: 'body.token', message: 'unknown, already used, revoked or expired invite' },
  ]);

/**
 * Invite tokens, used once: `find` checks a token before anything is created, `redeem`
 * claims it (atomically, see AccountRepository.claim) and makes the account a member with the
 * invite's role (an existing member keeps the role it has).
 */
@Injectable()
export class InviteRedemption {
  constructor(
    private readonly invites: InviteRepository,
    private readonly accounts: AccountRepository,
  ) {}

  async find(token: string): Promise<Invite> {
    const invite = await this.invites.findByTokenHash(hashKey(token));
    if (!invite || !isPending(invite)) throw REFUSED();
    return invite;
  }

  /** Claims the invite for `accountId`; refused when it was claimed (used or revoked) first. */
  async claim(invite: Invite, accountId: string): Promise<void> {
    if (!(await this.accounts.claim(`invite:${invite.id}`, accountId))) throw REFUSED();
  }

  /** Gives a claimed invite back (the account it was claimed for could not be made). */
  async release(invite: Invite): Promise<void> {
    await this.accounts.releaseClaim(`invite:${invite.id}`);
  }

  /** Makes the account a member (after `claim`). */
  async join(invite: Invite, accountId: string): Promise<void> {
    const existing = await this.accounts.findMembership(invite.workspaceId, accountId);
    if (!existing) {
      await this.accounts.upsertMembership({
        workspaceId: invite.workspaceId,
        accountId,
        role: invite.role,
      });
    }
    await this.invites.markUsed(invite.id, accountId);
  }
}
