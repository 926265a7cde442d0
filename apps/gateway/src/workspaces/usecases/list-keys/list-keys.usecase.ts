import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { workspaceKeysResponse } from '@seg/http-shapes';
import type { z } from 'zod';
import { WorkspaceRepository } from '../../workspace.repository';

export interface ListKeysCommand {
  workspaceId: string;
}

/** The workspace's keys for the dashboard: the public key, the secret key masked. */
@Injectable()
export class ListKeysUseCase {
  constructor(private readonly workspaces: WorkspaceRepository) {}

  async execute(command: ListKeysCommand): Promise<z.output<typeof workspaceKeysResponse>> {
    const keys = await this.workspaces.findKeys(command.workspaceId);
    if (!keys) throw new DomainError('NOT_FOUND', 'Workspace not found');
    return {
      publicKey: keys.publicKey,
      secretKeyMasked: keys.secretKeyLast4 === null ? null : `sk_…${keys.secretKeyLast4}`,
      keysRotatedAt: keys.keysRotatedAt?.toISOString() ?? null,
    };
  }
}
