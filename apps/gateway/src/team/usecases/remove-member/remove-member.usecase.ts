import { Injectable } from '@nestjs/common';
import type { memberRemovedResponse } from '@seg/http-shapes';
import type { z } from 'zod';
import { AccountRepository } from '../../../accounts/account.repository';
import { keepAnAdmin } from '../../last-admin';

export interface RemoveMemberCommand {
  workspaceId: string;
  accountId: string;
}

/**
 * Removes a member from the workspace (the account stays, with its other workspaces); its
 * sessions lose this workspace at once (roles are read on every call). Not the last admin (409).
 */
@Injectable()
export class RemoveMemberUseCase {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: RemoveMemberCommand): Promise<z.output<typeof memberRemovedResponse>> {
    const memberships = await this.accounts.membersOfWorkspace(command.workspaceId);
    keepAnAdmin(memberships, command.accountId, undefined);
    await this.accounts.removeMembership(command.workspaceId, command.accountId);
    return { accountId: command.accountId, removed: true };
  }
}
