import type { RunStats, SyncProvider } from '@seg/contracts';
import type { ValueType } from '@seg/segment-engine';
import type { RateLimit } from './request-limiter';

/** One person or contact as a vendor gives it, before normalisation. */
export interface VendorRecord {
  externalId: string;
  /** The vendor's copy of our user id (Customer.io `id`), matched first. */
  userId?: string;
  email?: string;
  /** Raw values by key (HubSpot: all strings). */
  attributes: Record<string, unknown>;
}

export interface SyncContext {
  workspaceId: string;
  runId: string;
  secret: string;
  settings: Record<string, unknown>;
  /** Carried from the previous successful run (e.g. HubSpot's incremental cursor). */
  state: Record<string, unknown>;
  /** Where an interrupted attempt of this run stopped (null: from the start). */
  checkpoint: Record<string, unknown> | null;
  stats: RunStats;
  /** Types the vendor's own schema gives (HubSpot property definitions). */
  declareTypes(types: Record<string, ValueType>): Promise<void>;
  /**
   * Queues a page for writing (in bulk) and resolves once the next page may be fetched;
   * stats and the checkpoint to resume after the page are saved once it is written.
   */
  applyPage(records: VendorRecord[], checkpoint: Record<string, unknown>): Promise<void>;
  /** Waits for room in the vendor's rate limit before each request. */
  beforeRequest(): Promise<void>;
  /** True when the worker is shutting down: stop at the next page boundary. */
  shouldStop(): boolean;
}

export interface SyncOutcome {
  /** Saved on the connection for the next run. */
  state: Record<string, unknown>;
}

/** What every pull-sync provider implements (HubSpot, Customer.io). */
export interface SyncProviderAdapter {
  readonly provider: SyncProvider;
  /** The vendor's request limit per workspace, shared by every worker (`RequestLimiter`). */
  readonly requestLimit: RateLimit;
  run(context: SyncContext): Promise<SyncOutcome>;
}

export const SYNC_PROVIDER_ADAPTERS = Symbol('SYNC_PROVIDER_ADAPTERS');

/** Thrown by a provider between pages when the worker is stopping. */
export class SyncInterrupted extends Error {
  constructor() {
    super('Interrupted by worker shutdown; resumes from the last page');
  }
}
