import { Injectable } from '@nestjs/common';
import { DomainError, ParsedRequestOf, RunStatus, RunView } from '@seg/contracts';
import { ConnectionRepository } from '../../../connections/connection.repository';
import { SyncQueue } from '../../../jobs/sync-queue';
import { newRunId, RunRepository } from '../../run.repository';

/** The bus request, and whether a person asked (`manual`) or the schedule did. */
export type RequestSyncCommand = ParsedRequestOf<'integrations.sync.request'> &
  Pick<RunView, 'trigger'>;

export interface RequestedSync {
  runId: string;
  status: RunStatus;
  /** True when a queued or running run was returned instead of a new one. */
  alreadyActive: boolean;
}

/**
 * Queues a sync now. At most one run per connection is queued or running: the
 * connection's `activeRunId` is claimed by compare-and-set, and the job id is the
 * run id, so neither two callers nor a retried request can queue a second one.
 */
@Injectable()
export class RequestSyncUseCase {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly runs: RunRepository,
    private readonly syncQueue: SyncQueue,
  ) {}

  async execute(command: RequestSyncCommand): Promise<RequestedSync> {
    const { workspaceId, provider } = command;
    const connection = await this.connections.get(workspaceId, provider);
    if (!connection) throw new DomainError('NOT_FOUND', `${provider} is not connected`);
    const runId = newRunId();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await this.connections.claimActiveRun(workspaceId, provider, runId)) {
        await this.runs.insertQueued(workspaceId, { runId, provider, trigger: command.trigger });
        await this.syncQueue.enqueueRun(workspaceId, provider, runId);
        return { runId, status: 'queued', alreadyActive: false };
      }
      const activeRunId = await this.connections.activeRunId(workspaceId, provider);
      if (activeRunId) {
        const active = await this.runs.get(workspaceId, activeRunId);
        if (active?.status === 'succeeded' || active?.status === 'failed') {
          // That run has ended but still holds the claim: free it and claim again.
          await this.connections.releaseEndedClaim(workspaceId, provider, activeRunId);
          continue;
        }
        return { runId: activeRunId, status: active?.status ?? 'queued', alreadyActive: true };
      }
      // Released between our claim and our read: try again.
    }
    throw new DomainError('CONFLICT', 'Could not queue a sync; try again');
  }
}
