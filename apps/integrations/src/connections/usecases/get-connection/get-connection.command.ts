import type { IntegrationProvider } from '@seg/contracts';

export interface GetConnectionCommand {
  workspaceId: string;
  provider: IntegrationProvider;
}
