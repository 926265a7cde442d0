import { Inject, Injectable } from '@nestjs/common';
import type { createdInviteResponse, createInviteBody } from '@seg/http-shapes';
import { APP_CONFIG } from '@seg/platform';
import type { z } from 'zod';
import { hashKey, randomBase62 } from '../../../auth/api-keys';
import type { GatewayConfig } from '../../../config';
import { InviteRepository } from '../../invite.repository';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type CreateInviteCommand = z.output<typeof createInviteBody> & {
  workspaceId: string;
  createdBy: string;
  /** Where the request came to (`https://host`), when DASHBOARD_URL is not set. */
  origin: string;
};

/**
 * An invite to the workspace with a one-time token (7 days), answered once with the link to
 * copy; only the token's hash is stored.
 */
@Injectable()
export class CreateInviteUseCase {
  constructor(
    private readonly invites: InviteRepository,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async execute(command: CreateInviteCommand): Promise<z.output<typeof createdInviteResponse>> {
    const token = `inv_${randomBase62(40)}`;
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + INVITE_TTL_MS);
    const id = `invt_${randomBase62(20)}`;
    await this.invites.insert({
      id,
      workspaceId: command.workspaceId,
      email: command.email,
      role: command.role,
      tokenHash: hashKey(token),
      createdBy: command.createdBy,
      createdAt,
      expiresAt,
    });
    const base = (this.config.DASHBOARD_URL ?? command.origin).replace(/\/+$/, '');
    return {
      id,
      email: command.email,
      role: command.role,
      createdAt: createdAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
      token,
      url: `${base}/signup?token=${token}`,
    };
  }
}
