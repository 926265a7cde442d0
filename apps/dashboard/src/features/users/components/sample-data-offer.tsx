import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseImport } from '@tabler/icons-react';
import { errorMessage } from '../../../api/client';
import { EmptyState } from '../../../app/route-states';

export const SAMPLE_DATA_WORDS = {
  button: 'Load sample data',
  loading: 'Loading sample data…',
} as const;

/**
 * The Users tab of an empty workspace: where users come from, and — for editors and admins,
 * while the workspace has no segment either — the offer to load the sample data, its progress
 * and its error. Renders only: the page owns the call.
 */
export function SampleDataOffer({
  canLoad,
  loading,
  error,
  onLoad,
}: {
  canLoad: boolean;
  loading: boolean;
  error: unknown;
  onLoad: () => void;
}) {
  return (
    <EmptyState title="No user yet">
      <Stack align="center" gap="md">
        <span>
          Users appear here once your app sends them: <code>identify</code> and <code>track</code>{' '}
          calls of the SDK, or an integration.
        </span>
        {canLoad ? (
          <>
            <span>
              Or look around with sample data first: 40 users of a made-up analytics product, a
              month of their events, attributes from the SDK, Segment.io, HubSpot and Customer.io, 3
              experiences and 6 segments.
            </span>
            <Button
              onClick={onLoad}
              disabled={loading}
              leftSection={loading ? <Loader size={14} /> : <IconDatabaseImport size={16} />}
            >
              {SAMPLE_DATA_WORDS.button}
            </Button>
            {loading ? (
              <Text size="sm" role="status">
                {SAMPLE_DATA_WORDS.loading} This takes a few seconds.
              </Text>
            ) : null}
            {error && !loading ? (
              <Alert
                color="red"
                icon={<IconAlertTriangle />}
                title="The sample data could not be loaded"
                role="alert"
                ta="left"
              >
                {errorMessage(error)}
              </Alert>
            ) : null}
          </>
        ) : null}
      </Stack>
    </EmptyState>
  );
}
