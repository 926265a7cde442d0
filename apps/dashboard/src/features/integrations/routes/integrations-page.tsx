import { Stack, Text, Title } from '@mantine/core';
import { PageLoader, QueryError } from '../../../app/route-states';
import { useSession } from '../../auth/hooks/use-session';
import { ProviderCard } from '../components/provider-card';
import { useConnections } from '../hooks/use-integrations';
import { PROVIDERS } from '../providers';

/** `/integrations`: a card per provider (dashboard.md "Integrations"); admins change them. */
export function IntegrationsPage() {
  const { role } = useSession();
  const connections = useConnections();
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          Integrations
        </Title>
        <Text c="dimmed" size="sm">
          Bring attributes from the tools you already use into your users&apos; profiles, to segment
          on them.
        </Text>
      </Stack>
      {connections.isPending ? (
        <PageLoader label="Loading integrations" />
      ) : connections.isError ? (
        <QueryError
          title="The integrations could not be loaded"
          error={connections.error}
          onRetry={() => void connections.refetch()}
        />
      ) : (
        PROVIDERS.map((meta) => (
          <ProviderCard
            key={meta.provider}
            meta={meta}
            connection={connections.data.integrations.find((c) => c.provider === meta.provider)}
            isAdmin={role === 'admin'}
          />
        ))
      )}
    </Stack>
  );
}
