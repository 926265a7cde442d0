import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { IntegrationProvider } from '@seg/contracts';
import { WorkspaceRepository } from '@seg/profile-store';
import type { Model } from 'mongoose';
import { CONNECTION_MODEL, ConnectionDocument, connectionId } from './connection.schema';

@Injectable()
export class ConnectionRepository extends WorkspaceRepository<ConnectionDocument> {
  constructor(@InjectModel(CONNECTION_MODEL) model: Model<ConnectionDocument>) {
    super(model);
  }

  get(workspaceId: string, provider: IntegrationProvider): Promise<ConnectionDocument | null> {
    return this.findOne(workspaceId, { _id: connectionId(workspaceId, provider) });
  }

  /** Creates or replaces the settings and secret; run bookkeeping survives a re-connect. */
  async upsert(
    workspaceId: string,
    provider: IntegrationProvider,
    fields: Pick<ConnectionDocument, 'settings' | 'secret' | 'secretLast4' | 'intervalMinutes'>,
    resetSyncState: boolean,
  ): Promise<void> {
    const now = new Date();
    await this.updateOne(
      workspaceId,
      { _id: connectionId(workspaceId, provider) },
      {
        $set: {
          ...fields,
          provider,
          status: 'connected',
          updatedAt: now,
          ...(resetSyncState ? { syncState: {} } : {}),
        },
        $setOnInsert: {
          createdAt: now,
          activeRunId: null,
          lastRunId: null,
          ...(resetSyncState ? {} : { syncState: {} }),
        },
      },
      { upsert: true },
    );
  }

  async remove(workspaceId: string, provider: IntegrationProvider): Promise<number> {
    await this.claims.deleteOne({ _id: connectionId(workspaceId, provider), workspaceId });
    return this.deleteMany(workspaceId, { _id: connectionId(workspaceId, provider) });
  }

  /**
   * Claims the connection for `runId` when no run is active: true when claimed.
   * The claim is a document keyed by the connection (a unique `_id` insert is atomic
   * on FerretDB too, where a conditional update is not under concurrency).
   */
  async claimActiveRun(
    workspaceId: string,
    provider: IntegrationProvider,
    runId: string,
  ): Promise<boolean> {
    try {
      await this.claims.insertOne({
        _id: connectionId(workspaceId, provider),
        workspaceId,
        runId,
        claimedAt: new Date(),
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
    await this.updateOne(
      workspaceId,
      { _id: connectionId(workspaceId, provider) },
      { $set: { activeRunId: runId } },
    );
    return true;
  }

  /** The queued or running run of the connection, if any. */
  async activeRunId(workspaceId: string, provider: IntegrationProvider): Promise<string | null> {
    const claim = await this.claims.findOne({
      _id: connectionId(workspaceId, provider),
      workspaceId,
    });
    return claim ? String(claim['runId']) : null;
  }

  private get claims() {
    return this.model.db.collection<{
      _id: string;
      workspaceId: string;
      runId: string;
      claimedAt: Date;
    }>('integration_run_claims');
  }

  /**
   * Drops the claim of a run that has already ended (a worker finishes the run
   * before it frees the connection, or crashed in between): only that run's claim.
   */
  async releaseEndedClaim(
    workspaceId: string,
    provider: IntegrationProvider,
    runId: string,
  ): Promise<void> {
    await this.claims.deleteOne({ _id: connectionId(workspaceId, provider), workspaceId, runId });
  }

  /** Releases the claim of `runId` (only that one) and records the outcome. */
  async finishRun(
    workspaceId: string,
    provider: IntegrationProvider,
    runId: string,
    outcome: { status: 'connected' | 'error'; syncState?: Record<string, unknown> },
  ): Promise<void> {
    await this.claims.deleteOne({ _id: connectionId(workspaceId, provider), workspaceId, runId });
    await this.updateOne(
      workspaceId,
      { _id: connectionId(workspaceId, provider) },
      {
        $set: {
          activeRunId: null,
          lastRunId: runId,
          status: outcome.status,
          ...(outcome.syncState ? { syncState: outcome.syncState } : {}),
        },
      },
    );
  }
}
