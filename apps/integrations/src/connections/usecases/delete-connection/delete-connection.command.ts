import type { IntegrationProvider } from '@seg/contracts';

export interface DeleteConnectionCommand {
  workspaceId: string;
  provider: IntegrationProvider;
}
