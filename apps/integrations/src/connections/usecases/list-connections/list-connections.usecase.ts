import { Injectable } from '@nestjs/common';
import type { ConnectionView, ParsedRequestOf } from '@seg/contracts';
import { RunRepository } from '../../../runs/run.repository';
import { ConnectionRepository } from '../../connection.repository';
import { toConnectionView } from '../../connection-view';

export type ListConnectionsCommand = ParsedRequestOf<'integrations.connection.list'>;

/** Every connection of the workspace with its settings (secrets masked) and last run. */
@Injectable()
export class ListConnectionsUseCase {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly runs: RunRepository,
  ) {}

  async execute(command: ListConnectionsCommand): Promise<ConnectionView[]> {
    const all = await this.connections.find(command.workspaceId, {}, { sort: { provider: 1 } });
    return Promise.all(
      all.map(async (connection) =>
        toConnectionView(
          connection,
          connection.lastRunId
            ? await this.runs.get(command.workspaceId, connection.lastRunId)
            : null,
        ),
      ),
    );
  }
}
