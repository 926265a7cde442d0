import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { memberResponse, updateMemberBody } from '@seg/http-shapes';
import type { z } from 'zod';
import { AccountRepository } from '../../../accounts/account.repository';
import { keepAnAdmin } from '../../last-admin';
import { ListMembersUseCase } from '../list-members/list-members.usecase';

export type ChangeMemberRoleCommand = z.output<typeof updateMemberBody> & {
  workspaceId: string;
  accountId: string;
};

/** Changes a member's role; the last admin cannot be demoted (409). */
@Injectable()
export class ChangeMemberRoleUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly members: ListMembersUseCase,
  ) {}

  async execute(command: ChangeMemberRoleCommand): Promise<z.output<typeof memberResponse>> {
    const memberships = await this.accounts.membersOfWorkspace(command.workspaceId);
    keepAnAdmin(memberships, command.accountId, command.role);
    await this.accounts.setRole(command.workspaceId, command.accountId, command.role);
    const { items } = await this.members.execute({ workspaceId: command.workspaceId });
    const member = items.find((item) => item.accountId === command.accountId);
    if (!member) throw new DomainError('NOT_FOUND', 'Member not found');
    return member;
  }
}
