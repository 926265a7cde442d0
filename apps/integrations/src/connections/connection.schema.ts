import type { IntegrationProvider } from '@seg/contracts';
import { Schema } from 'mongoose';
import type { SealedSecret } from '../crypto/secret-box';

export const CONNECTION_MODEL = 'IntegrationConnection';

/** One connected tool of a workspace. The secret is stored sealed (AES-256-GCM) only. */
export interface ConnectionDocument {
  _id: string;
  workspaceId: string;
  provider: IntegrationProvider;
  /** Non-secret settings (HubSpot properties, Customer.io region, test base URL). */
  settings: Record<string, unknown>;
  secret: SealedSecret;
  /** Last 4 characters of the secret, to recognise it in the dashboard. */
  secretLast4: string;
  intervalMinutes: number | null;
  status: 'connected' | 'error';
  /** The queued or running run, if any: at most one per connection (compare-and-set). */
  activeRunId: string | null;
  lastRunId: string | null;
  /** When a run of this connection last succeeded (absent on connections older than it). */
  lastSucceededAt?: Date | null;
  /** Provider cursor carried from run to run (HubSpot: last modified date seen). */
  syncState: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export const ConnectionSchema = new Schema<ConnectionDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    provider: { type: String, required: true },
    settings: { type: Schema.Types.Mixed, default: {} },
    secret: { type: Schema.Types.Mixed, required: true },
    secretLast4: { type: String, required: true },
    intervalMinutes: { type: Number, default: null },
    status: { type: String, required: true },
    activeRunId: { type: String, default: null },
    lastRunId: { type: String, default: null },
    lastSucceededAt: { type: Date, default: null },
    syncState: { type: Schema.Types.Mixed, default: {} },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'integration_connections', versionKey: false, minimize: false },
);
ConnectionSchema.index({ workspaceId: 1, provider: 1 }, { unique: true });

export function connectionId(workspaceId: string, provider: IntegrationProvider): string {
  return `${workspaceId}.${provider}`;
}
