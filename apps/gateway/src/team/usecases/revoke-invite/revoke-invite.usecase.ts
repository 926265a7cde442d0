import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { inviteRevokedResponse } from '@seg/http-shapes';
import type { z } from 'zod';
import { AccountRepository } from '../../../accounts/account.repository';
import { InviteRepository, isPending } from '../../invite.repository';

export interface RevokeInviteCommand {
  workspaceId: string;
  inviteId: string;
  revokedBy: string;
}

/**
 * Revokes an invite: its token stops working. Takes the same claim as a use of it, so a
 * revocation and a sign-up with the token cannot both win (409 when it was used first).
 */
@Injectable()
export class RevokeInviteUseCase {
  constructor(
    private readonly invites: InviteRepository,
    private readonly accounts: AccountRepository,
  ) {}

  async execute(command: RevokeInviteCommand): Promise<z.output<typeof inviteRevokedResponse>> {
    const invite = await this.invites.findInWorkspace(command.workspaceId, command.inviteId);
    if (!invite) throw new DomainError('NOT_FOUND', 'Invite not found');
    if (invite.revokedAt !== undefined) return { id: invite.id, revoked: true };
    if (!isPending(invite) && invite.usedAt !== undefined) {
      throw new DomainError('CONFLICT', 'This invite was used already');
    }
    if (!(await this.accounts.claim(`invite:${invite.id}`, command.revokedBy))) {
      throw new DomainError('CONFLICT', 'This invite was used already');
    }
    await this.invites.markRevoked(invite.id);
    return { id: invite.id, revoked: true };
  }
}
