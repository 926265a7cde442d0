import { Injectable, Logger } from '@nestjs/common';
import type { createWorkspaceBody } from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import type { z } from 'zod';
import { AccountRepository } from '../../../accounts/account.repository';
import { generateKey, generateWorkspaceId, hashKey } from '../../../auth/api-keys';
import { WorkspaceRepository } from '../../workspace.repository';

/** The parsed body, and the account that becomes the workspace's admin (a session's). */
export type CreateWorkspaceCommand = z.output<typeof createWorkspaceBody> & {
  adminAccountId?: string;
};

export interface CreatedWorkspace {
  id: string;
  name: string;
  publicKey: string;
  secretKey: string;
}

/**
 * Creates a workspace with fresh keys; the keys leave here once and are stored hashed (plus
 * the public key and the secret's last 4 characters, for the dashboard's key list). Created
 * with a session, the account becomes its admin.
 */
@Injectable()
export class CreateWorkspaceUseCase {
  private readonly logger = new Logger(CreateWorkspaceUseCase.name);

  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly accounts: AccountRepository,
    private readonly bus: BusClient,
  ) {}

  async execute(command: CreateWorkspaceCommand): Promise<CreatedWorkspace> {
    const id = generateWorkspaceId();
    const publicKey = generateKey('public');
    const secretKey = generateKey('secret');
    const createdAt = new Date();
    await this.workspaces.insert({
      _id: id,
      name: command.name,
      publicKeyHash: hashKey(publicKey),
      secretKeyHash: hashKey(secretKey),
      publicKey,
      secretKeyLast4: secretKey.slice(-4),
      createdAt,
    });
    if (command.adminAccountId !== undefined) {
      await this.accounts.upsertMembership({
        workspaceId: id,
        accountId: command.adminAccountId,
        role: 'admin',
      });
    }
    try {
      await this.bus.emit('workspace.created', {
        workspaceId: id,
        name: command.name,
        createdAt: createdAt.toISOString(),
      });
    } catch (error) {
      // The workspace exists and its keys are shown only now: report, do not fail the call.
      this.logger.error({ err: error, workspaceId: id }, 'Could not publish workspace.created');
    }
    return { id, name: command.name, publicKey, secretKey };
  }
}
