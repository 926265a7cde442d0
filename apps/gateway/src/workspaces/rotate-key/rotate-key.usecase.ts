import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import { generateKey, hashKey, KeyKind } from '../../auth/api-keys';
import { KeyResolver } from '../key-resolver';
import { WorkspaceRepository } from '../workspace.repository';
import type { RotateKeyCommand } from './rotate-key.command';

/**
 * Replaces one of a workspace's keys. The old key stops working at once in
 * this gateway process (within AUTH_CACHE_TTL_MS in others); no data moves,
 * since everything is stored by workspace id, never by key.
 */
@Injectable()
export class RotateKeyUseCase {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly keys: KeyResolver,
  ) {}

  async execute(command: RotateKeyCommand): Promise<{ kind: KeyKind; key: string }> {
    const key = generateKey(command.kind);
    const replaced = await this.workspaces.replaceKeyHash(
      command.workspaceId,
      command.kind,
      hashKey(key),
    );
    if (!replaced) throw new DomainError('NOT_FOUND', 'Workspace not found');
    this.keys.forget(replaced.previousHash);
    return { kind: command.kind, key };
  }
}
