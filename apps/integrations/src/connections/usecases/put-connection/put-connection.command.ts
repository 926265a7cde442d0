import type { IntegrationProvider } from '@seg/contracts';

export interface PutConnectionCommand {
  workspaceId: string;
  provider: IntegrationProvider;
  /** The request body, validated here against the provider's schema. */
  input: unknown;
}
