import { Injectable } from '@nestjs/common';
import { DomainError, ParsedRequestOf, SYNC_PROVIDERS, SyncProvider } from '@seg/contracts';
import { SyncQueue } from '../../../jobs/sync-queue';
import { ConnectionRepository } from '../../connection.repository';

export type DeleteConnectionCommand = ParsedRequestOf<'integrations.connection.delete'>;

/** Disconnects: the schedule and the sealed secret go; synced attributes and runs stay. */
@Injectable()
export class DeleteConnectionUseCase {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly syncQueue: SyncQueue,
  ) {}

  async execute(command: DeleteConnectionCommand): Promise<{ deleted: boolean }> {
    const { workspaceId, provider } = command;
    if ((SYNC_PROVIDERS as readonly string[]).includes(provider)) {
      await this.syncQueue.unschedule(workspaceId, provider as SyncProvider);
    }
    const deleted = await this.connections.remove(workspaceId, provider);
    if (deleted === 0) throw new DomainError('NOT_FOUND', `${provider} is not connected`);
    return { deleted: true };
  }
}
