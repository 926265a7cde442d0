import type { IntegrationProvider, RunStats, RunStatus } from '@seg/contracts';
import { Schema } from 'mongoose';

export const RUN_MODEL = 'IntegrationRun';

/** One sync run: what the dashboard shows, and the checkpoint a retried job resumes from. */
export interface RunDocument {
  _id: string;
  workspaceId: string;
  provider: IntegrationProvider;
  status: RunStatus;
  trigger: 'manual' | 'schedule';
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  attempts: number;
  stats: RunStats;
  error?: string;
  /** Provider resume point (page cursor) saved after each applied page. */
  checkpoint: Record<string, unknown> | null;
}

export const emptyStats = (): RunStats => ({
  fetched: 0,
  created: 0,
  updated: 0,
  skipped: 0,
  failed: 0,
  unmatched: 0,
});

export const RunSchema = new Schema<RunDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    provider: { type: String, required: true },
    status: { type: String, required: true },
    trigger: { type: String, required: true },
    queuedAt: { type: Date, required: true },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
    attempts: { type: Number, default: 0 },
    stats: { type: Schema.Types.Mixed, required: true },
    error: { type: String },
    checkpoint: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'integration_runs', versionKey: false, minimize: false },
);
RunSchema.index({ workspaceId: 1, provider: 1, queuedAt: -1 });
