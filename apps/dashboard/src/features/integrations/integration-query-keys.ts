import type { IntegrationProvider } from './providers';

/** The integrations feature's TanStack Query keys: one factory, so invalidation names them alike. */
export const integrationKeys = {
  all: ['integrations'] as const,
  list: () => [...integrationKeys.all, 'list'] as const,
  runs: (provider: IntegrationProvider) => [...integrationKeys.all, 'runs', provider] as const,
};
