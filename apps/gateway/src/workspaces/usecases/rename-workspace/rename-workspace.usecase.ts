import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { updateWorkspaceBody } from '@seg/http-shapes';
import type { z } from 'zod';
import { Workspace, WorkspaceRepository } from '../../workspace.repository';

export type RenameWorkspaceCommand = z.output<typeof updateWorkspaceBody> & {
  workspaceId: string;
};

/** Settings → Workspace: a new name (ids and keys stay). */
@Injectable()
export class RenameWorkspaceUseCase {
  constructor(private readonly workspaces: WorkspaceRepository) {}

  async execute(command: RenameWorkspaceCommand): Promise<Workspace> {
    const renamed = await this.workspaces.rename(command.workspaceId, command.name);
    if (!renamed) throw new DomainError('NOT_FOUND', 'Workspace not found');
    return renamed;
  }
}
