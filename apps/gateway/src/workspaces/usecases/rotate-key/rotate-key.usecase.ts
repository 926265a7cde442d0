import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import type { KeyKind, rotateKeyBody } from '@seg/http-shapes';
import type { z } from 'zod';
import { generateKey, hashKey } from '../../../auth/api-keys';
import { KeyResolver } from '../../key-resolver';
import { WorkspaceRepository } from '../../workspace.repository';

/** The parsed body and the caller's workspace. */
export type RotateKeyCommand = z.output<typeof rotateKeyBody> & { workspaceId: string };

/**
 * Replaces one of a workspace's keys. The old key stops working at once: in this
 * gateway process before the answer, and in every other one when it hears
 * `workspace.key.rotated`. No data moves, since everything is stored by workspace
 * id, never by key.
 */
@Injectable()
export class RotateKeyUseCase {
  private readonly logger = new Logger(RotateKeyUseCase.name);

  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly keys: KeyResolver,
    private readonly bus: BusClient,
  ) {}

  async execute(command: RotateKeyCommand): Promise<{ kind: KeyKind; key: string }> {
    const key = generateKey(command.kind);
    const replaced = await this.workspaces.replaceKeyHash(
      command.workspaceId,
      command.kind,
      hashKey(key),
      command.kind === 'public' ? key : key.slice(-4),
    );
    if (!replaced) throw new DomainError('NOT_FOUND', 'Workspace not found');
    this.keys.forget(replaced.previousHash);
    try {
      await this.bus.emit('workspace.key.rotated', {
        workspaceId: command.workspaceId,
        kind: command.kind,
        previousKeyHash: replaced.previousHash,
        rotatedAt: new Date().toISOString(),
      });
    } catch (error) {
      // The new key is shown only in this answer, so the call must not fail: other
      // gateways then accept the old key until their cache entry expires (AUTH_CACHE_TTL_MS).
      this.logger.error(
        { err: error, workspaceId: command.workspaceId },
        'Could not publish workspace.key.rotated: other gateways forget the old key only on expiry',
      );
    }
    return { kind: command.kind, key };
  }
}
