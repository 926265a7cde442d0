import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import { Workspace, WorkspaceRepository } from '../../workspace.repository';

export interface GetWorkspaceCommand {
  workspaceId: string;
}

@Injectable()
export class GetWorkspaceUseCase {
  constructor(private readonly workspaces: WorkspaceRepository) {}

  async execute(command: GetWorkspaceCommand): Promise<Workspace> {
    const workspace = await this.workspaces.findById(command.workspaceId);
    if (!workspace) throw new DomainError('NOT_FOUND', 'Workspace not found');
    return workspace;
  }
}
