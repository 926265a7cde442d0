import type { IntegrationProvider } from '@seg/contracts';

export interface ListRunsCommand {
  workspaceId: string;
  provider: IntegrationProvider;
  limit: number;
}
