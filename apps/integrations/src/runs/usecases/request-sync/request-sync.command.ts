import type { SyncProvider } from '@seg/contracts';

export interface RequestSyncCommand {
  workspaceId: string;
  provider: SyncProvider;
  trigger: 'manual' | 'schedule';
}
