import { Injectable } from '@nestjs/common';
import { ConnectionView, DomainError, ParsedRequestOf } from '@seg/contracts';
import { RunRepository } from '../../../runs/run.repository';
import { ConnectionRepository } from '../../connection.repository';
import { toConnectionView } from '../../connection-view';

export type GetConnectionCommand = ParsedRequestOf<'integrations.connection.get'>;

@Injectable()
export class GetConnectionUseCase {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly runs: RunRepository,
  ) {}

  async execute(command: GetConnectionCommand): Promise<ConnectionView> {
    const connection = await this.connections.get(command.workspaceId, command.provider);
    if (!connection) throw new DomainError('NOT_FOUND', `${command.provider} is not connected`);
    const lastRun = connection.lastRunId
      ? await this.runs.get(command.workspaceId, connection.lastRunId)
      : null;
    return toConnectionView(connection, lastRun);
  }
}
