import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { IntegrationProvider } from '@seg/contracts';
import { isDuplicateKeyError, WorkspaceRepository } from '@seg/profile-store';
import type { Model } from 'mongoose';
import type { SealedSecret } from '../crypto/secret-box';
import { randomBytes } from 'node:crypto';
import { CONNECTION_MODEL, ConnectionDocument, connectionId } from './connection.schema';

/** How long a writer may hold a connection's write lease (a crashed holder's expires). */
const LEASE_MS = 10_000;
/** How long a write waits for the lease before giving up. */
const LEASE_WAIT_MS = 15_000;

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
    await this.exclusive(workspaceId, provider, () =>
      this.updateOne(
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
      ),
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
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    await this.exclusive(workspaceId, provider, () =>
      this.updateOne(
        workspaceId,
        { _id: connectionId(workspaceId, provider) },
        { $set: { activeRunId: runId } },
      ),
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
    outcome: {
      status: 'connected' | 'error';
      syncState?: Record<string, unknown>;
      /** The secret the run used: its syncState is dropped if the connection was re-keyed. */
      secret?: SealedSecret;
    },
  ): Promise<void> {
    await this.claims.deleteOne({ _id: connectionId(workspaceId, provider), workspaceId, runId });
    await this.exclusive(workspaceId, provider, async () => {
      let syncState = outcome.syncState;
      if (syncState && outcome.secret) {
        // Re-keyed meanwhile (maybe another account): its cursor starts afresh.
        const current = await this.get(workspaceId, provider);
        if (JSON.stringify(current?.secret) !== JSON.stringify(outcome.secret)) {
          syncState = undefined;
        }
      }
      await this.updateOne(
        workspaceId,
        { _id: connectionId(workspaceId, provider) },
        {
          $set: {
            activeRunId: null,
            lastRunId: runId,
            status: outcome.status,
            ...(outcome.status === 'connected' ? { lastSucceededAt: new Date() } : {}),
            ...(syncState ? { syncState } : {}),
          },
        },
      );
    });
  }

  /**
   * Runs one write of the connection document holding its write lease. FerretDB v1.24
   * applies an update by reading the document, changing it in Go and writing all of it
   * back, so two concurrent updates of one connection lose one of them: a run finishing
   * (`finishRun`) while the connection was re-keyed (`upsert`) wrote the old secret back,
   * and the next run succeeded with the old key. The lease is a document keyed by the
   * connection (a unique `_id` insert is atomic on FerretDB); a holder that died loses it
   * after `LEASE_MS`.
   */
  private async exclusive<T>(
    workspaceId: string,
    provider: IntegrationProvider,
    write: () => Promise<T>,
  ): Promise<T> {
    const _id = connectionId(workspaceId, provider);
    const token = randomBytes(8).toString('hex');
    const deadline = Date.now() + LEASE_WAIT_MS;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.leases.insertOne({
          _id,
          workspaceId,
          token,
          expiresAt: new Date(Date.now() + LEASE_MS),
        });
        break;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const held = await this.leases.findOne({ _id, workspaceId });
      if (held && held.expiresAt.getTime() < Date.now()) {
        await this.leases.deleteOne({ _id, workspaceId, token: held.token });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`Connection ${_id} stayed locked for ${LEASE_WAIT_MS} ms`);
      }
      const delay = Math.min(100, 2 * 2 ** attempt) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    try {
      return await write();
    } finally {
      await this.leases.deleteOne({ _id, workspaceId, token }).catch(() => undefined);
    }
  }

  private get leases() {
    return this.model.db.collection<{
      _id: string;
      workspaceId: string;
      token: string;
      expiresAt: Date;
    }>('integration_connection_leases');
  }
}
