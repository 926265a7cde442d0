import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { IntegrationProvider, RunStats, RunView } from '@seg/contracts';
import { randomBytes } from 'node:crypto';
import { WorkspaceRepository } from '@seg/profile-store';
import type { Model } from 'mongoose';
import { emptyStats, RUN_MODEL, RunDocument } from './run.schema';

/** A fresh run id, claimed on the connection before its run is stored. */
export const newRunId = (): string => `run_${randomBytes(10).toString('hex')}`;

@Injectable()
export class RunRepository extends WorkspaceRepository<RunDocument> {
  constructor(@InjectModel(RUN_MODEL) model: Model<RunDocument>) {
    super(model);
  }

  get(workspaceId: string, runId: string): Promise<RunDocument | null> {
    return this.findOne(workspaceId, { _id: runId });
  }

  /** Stores a run that is queued and not started yet (after its id claimed the connection). */
  async insertQueued(
    workspaceId: string,
    run: { runId: string; provider: IntegrationProvider; trigger: RunDocument['trigger'] },
  ): Promise<void> {
    await this.insert(workspaceId, {
      _id: run.runId,
      provider: run.provider,
      status: 'queued',
      trigger: run.trigger,
      queuedAt: new Date(),
      startedAt: null,
      finishedAt: null,
      attempts: 0,
      stats: emptyStats(),
      checkpoint: null,
    });
  }

  latest(workspaceId: string, provider: IntegrationProvider, limit: number) {
    return this.find(workspaceId, { provider }, { sort: { queuedAt: -1 }, limit });
  }

  async markRunning(workspaceId: string, runId: string): Promise<void> {
    const now = new Date();
    await this.updateOne(
      workspaceId,
      { _id: runId },
      { $set: { status: 'running' }, $inc: { attempts: 1 }, $unset: { error: '' } },
    );
    await this.updateOne(
      workspaceId,
      { _id: runId, startedAt: null },
      { $set: { startedAt: now } },
    );
  }

  /** Progress while running: stats so far and where a retry resumes. */
  async saveProgress(
    workspaceId: string,
    runId: string,
    stats: RunStats,
    checkpoint: Record<string, unknown> | null,
  ): Promise<void> {
    await this.updateOne(workspaceId, { _id: runId }, { $set: { stats, checkpoint } });
  }

  async finish(
    workspaceId: string,
    runId: string,
    outcome: { status: 'succeeded' | 'failed'; stats?: RunStats; error?: string },
  ): Promise<void> {
    await this.updateOne(
      workspaceId,
      { _id: runId, status: { $in: ['queued', 'running'] } },
      {
        $set: {
          status: outcome.status,
          finishedAt: new Date(),
          ...(outcome.stats ? { stats: outcome.stats } : {}),
          ...(outcome.error ? { error: outcome.error } : {}),
        },
      },
    );
  }

  /** Interrupted by a shutdown: queued again until a worker resumes it from its checkpoint. */
  async putBack(workspaceId: string, runId: string): Promise<void> {
    await this.updateOne(
      workspaceId,
      { _id: runId, status: 'running' },
      { $set: { status: 'queued' } },
    );
  }

  /** A failed attempt that will be retried: visible, but the run is not over. */
  async noteRetry(workspaceId: string, runId: string, error: string): Promise<void> {
    await this.updateOne(workspaceId, { _id: runId }, { $set: { status: 'queued', error } });
  }
}

export function toRunView(run: RunDocument): RunView {
  return {
    id: run._id,
    provider: run.provider,
    status: run.status,
    trigger: run.trigger,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt ? run.startedAt.toISOString() : null,
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
    attempts: run.attempts,
    stats: run.stats,
    ...(run.error ? { error: run.error } : {}),
  };
}
