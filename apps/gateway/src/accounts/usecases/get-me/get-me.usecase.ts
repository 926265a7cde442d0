import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { meResponse } from '@seg/http-shapes';
import type { z } from 'zod';
import { WorkspaceRepository } from '../../../workspaces/workspace.repository';
import { AccountRepository } from '../../account.repository';

export interface GetMeCommand {
  accountId: string;
  csrfToken: string;
}

/** The signed-in account, its workspaces (by name) with its role in each, and the CSRF token. */
@Injectable()
export class GetMeUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly workspaces: WorkspaceRepository,
  ) {}

  async execute(command: GetMeCommand): Promise<z.output<typeof meResponse>> {
    const account = await this.accounts.findById(command.accountId);
    if (!account) throw new DomainError('UNAUTHENTICATED', 'This account no longer exists');
    const memberships = await this.accounts.membershipsOfAccount(account.id);
    const roleOf = new Map(
      memberships.map((membership) => [membership.workspaceId, membership.role]),
    );
    const workspaces = await this.workspaces.findByIds([...roleOf.keys()]);
    return {
      account: {
        id: account.id,
        email: account.email,
        name: account.name,
        createdAt: account.createdAt.toISOString(),
      },
      workspaces: workspaces
        .flatMap((workspace) => {
          const role = roleOf.get(workspace.id);
          return role ? [{ id: workspace.id, name: workspace.name, role }] : [];
        })
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
      csrfToken: command.csrfToken,
    };
  }
}
