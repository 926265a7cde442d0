import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { invitePreviewResponse } from '@seg/http-shapes';
import type { z } from 'zod';
import { hashKey } from '../../../auth/api-keys';
import { InviteRepository, isPending } from '../../../team/invite.repository';
import { WorkspaceRepository } from '../../../workspaces/workspace.repository';

export interface GetInviteCommand {
  token: string;
}

/** What an invite link is for (email, role, workspace), while it can be used; 404 otherwise. */
@Injectable()
export class GetInviteUseCase {
  constructor(
    private readonly invites: InviteRepository,
    private readonly workspaces: WorkspaceRepository,
  ) {}

  async execute(command: GetInviteCommand): Promise<z.output<typeof invitePreviewResponse>> {
    const invite = await this.invites.findByTokenHash(hashKey(command.token));
    const workspace =
      invite && isPending(invite) ? await this.workspaces.findById(invite.workspaceId) : null;
    if (!invite || !workspace) {
      throw new DomainError('NOT_FOUND', 'This invite is unknown, used, revoked or expired');
    }
    return {
      email: invite.email,
      role: invite.role,
      workspace: { id: workspace.id, name: workspace.name },
      expiresAt: invite.expiresAt.toISOString(),
    };
  }
}
