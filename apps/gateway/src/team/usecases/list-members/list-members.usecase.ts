import { Injectable } from '@nestjs/common';
import type { memberListResponse } from '@seg/http-shapes';
import type { z } from 'zod';
import { AccountRepository } from '../../../accounts/account.repository';

export interface ListMembersCommand {
  workspaceId: string;
}

/** The workspace's members with their roles, in the order they joined. */
@Injectable()
export class ListMembersUseCase {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: ListMembersCommand): Promise<z.output<typeof memberListResponse>> {
    const memberships = await this.accounts.membersOfWorkspace(command.workspaceId);
    const byId = new Map(
      (await this.accounts.findByIds(memberships.map((m) => m.accountId))).map((account) => [
        account.id,
        account,
      ]),
    );
    return {
      items: memberships.flatMap((membership) => {
        const account = byId.get(membership.accountId);
        if (!account) return [];
        return [
          {
            accountId: account.id,
            email: account.email,
            name: account.name,
            role: membership.role,
            joinedAt: membership.createdAt.toISOString(),
          },
        ];
      }),
    };
  }
}
