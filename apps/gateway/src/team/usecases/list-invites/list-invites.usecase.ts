import { Injectable } from '@nestjs/common';
import type { inviteListResponse } from '@seg/http-shapes';
import type { z } from 'zod';
import { InviteRepository } from '../../invite.repository';

export interface ListInvitesCommand {
  workspaceId: string;
}

/** The workspace's invites that can still be used (never their tokens). */
@Injectable()
export class ListInvitesUseCase {
  constructor(private readonly invites: InviteRepository) {}

  async execute(command: ListInvitesCommand): Promise<z.output<typeof inviteListResponse>> {
    const pending = await this.invites.pendingOf(command.workspaceId);
    return {
      items: pending.map((invite) => ({
        id: invite.id,
        email: invite.email,
        role: invite.role,
        createdAt: invite.createdAt.toISOString(),
        expiresAt: invite.expiresAt.toISOString(),
      })),
    };
  }
}
