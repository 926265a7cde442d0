import type { SyncProvider } from '@seg/contracts';

export interface RunSyncCommand {
  workspaceId: string;
  provider: SyncProvider;
  runId: string;
  /** True on the job's last attempt: a retryable failure then fails the run. */
  lastAttempt: boolean;
  shouldStop: () => boolean;
}
