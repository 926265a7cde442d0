import { Injectable, Logger } from '@nestjs/common';
import { BusClient } from '@seg/platform';
import { generateKey, generateWorkspaceId, hashKey } from '../../auth/api-keys';
import { WorkspaceRepository } from '../workspace.repository';
import type { CreateWorkspaceCommand } from './create-workspace.command';

export interface CreatedWorkspace {
  id: string;
  name: string;
  publicKey: string;
  secretKey: string;
}

/** Creates a workspace with fresh keys; the keys leave here once and are stored hashed. */
@Injectable()
export class CreateWorkspaceUseCase {
  private readonly logger = new Logger(CreateWorkspaceUseCase.name);

  constructor(
    private readonly workspaces: WorkspaceRepository,
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
      createdAt,
    });
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
