import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Divider,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconAddressBook,
  IconCheck,
  IconCopy,
  IconMail,
  IconPencil,
  IconPlugConnected,
  IconPlugConnectedX,
  IconRefresh,
  IconWebhook,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../../api/client';
import { formatDateTime } from '../../../app/format';
import { useRuns, useSyncNow } from '../hooks/use-integrations';
import {
  type Connection,
  formatInterval,
  isActive,
  isSyncProvider,
  maskedSecret,
  PROVIDERS,
  stringList,
  type SyncProvider,
} from '../providers';
import { ConnectionForm } from './connection-form';
import { DisconnectDialog } from './disconnect-dialog';
import { RunStatusBadge } from './run-status';
import { RunsTable } from './runs-table';
import { MODAL_STYLES } from '../../../app/modal-styles';

type ProviderMeta = (typeof PROVIDERS)[number];

interface ProviderCardProps {
  meta: ProviderMeta;
  connection: Connection | undefined;
  isAdmin: boolean;
}

/** One provider: connect, its settings (secret masked), Sync now, change, disconnect, its runs. */
export function ProviderCard({ meta, connection, isAdmin }: ProviderCardProps) {
  const [editing, setEditing] = useState(false);
  const [disconnecting, setDisconnecting] = useState(false);
  const titleId = `integration-${meta.provider}`;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="sm" align="flex-start" wrap="nowrap">
            <ProviderMark provider={meta.provider} />
            <Stack gap={2}>
              <Group gap="xs">
                <Title order={2} size="h4" id={titleId}>
                  {meta.name}
                </Title>
                <ConnectionBadge connection={connection} />
              </Group>
              <Text size="sm" c="dimmed" maw={620}>
                {meta.description}
              </Text>
            </Stack>
          </Group>
          {isAdmin ? (
            <Group gap="xs" wrap="nowrap">
              {connection ? (
                <>
                  {isSyncProvider(meta.provider) ? (
                    <SyncNowButton provider={meta.provider} connection={connection} />
                  ) : null}
                  <Button
                    variant="default"
                    leftSection={<IconPencil size={16} />}
                    onClick={() => setEditing(true)}
                  >
                    Change
                  </Button>
                  <Button
                    variant="subtle"
                    color="red"
                    leftSection={<IconPlugConnectedX size={16} />}
                    onClick={() => setDisconnecting(true)}
                  >
                    Disconnect
                  </Button>
                </>
              ) : (
                <Button
                  leftSection={<IconPlugConnected size={16} />}
                  onClick={() => setEditing(true)}
                >
                  Connect
                </Button>
              )}
            </Group>
          ) : null}
        </Group>

        {connection ? (
          <>
            <Divider />
            <ConnectionSettings meta={meta} connection={connection} />
            {isSyncProvider(meta.provider) ? (
              <Stack gap="xs">
                <Text fw={600} size="sm">
                  Runs
                </Text>
                <RunsTable provider={meta.provider} />
              </Stack>
            ) : null}
          </>
        ) : !isAdmin ? (
          <Text size="sm" c="dimmed">
            Not connected. An admin of this workspace can connect it.
          </Text>
        ) : null}
      </Stack>

      <Modal
        styles={MODAL_STYLES}
        opened={editing}
        onClose={() => setEditing(false)}
        title={connection ? `Change ${meta.name} settings` : `Connect ${meta.name}`}
      >
        {editing ? (
          <ConnectionForm
            provider={meta.provider}
            connection={connection}
            onDone={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        ) : null}
      </Modal>
      <DisconnectDialog
        provider={meta.provider}
        opened={disconnecting}
        onClose={() => setDisconnecting(false)}
      />
    </Paper>
  );
}

const MARKS: Record<ProviderMeta['provider'], { color: string; icon: typeof IconWebhook }> = {
  segment: { color: 'teal', icon: IconWebhook },
  hubspot: { color: 'orange', icon: IconAddressBook },
  customerio: { color: 'grape', icon: IconMail },
};

function ProviderMark({ provider }: { provider: ProviderMeta['provider'] }) {
  const { color, icon: Icon } = MARKS[provider];
  return (
    <ThemeIcon size={44} radius="md" variant="light" color={color} aria-hidden>
      <Icon size={24} stroke={1.6} />
    </ThemeIcon>
  );
}

function ConnectionBadge({ connection }: { connection: Connection | undefined }) {
  if (!connection) {
    return (
      <Badge variant="outline" color="gray" radius="sm">
        Not connected
      </Badge>
    );
  }
  return connection.status === 'error' ? (
    <Badge color="red" variant="light" radius="sm">
      Error
    </Badge>
  ) : (
    <Badge color="teal" variant="light" radius="sm">
      Connected
    </Badge>
  );
}

function Setting({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** The newest run: from the runs (polled while one is active), else the connection's own. */
function useLastRun(provider: ProviderMeta['provider'], connection: Connection) {
  const runs = useRuns(provider, isSyncProvider(provider));
  return runs.data?.[0] ?? connection.lastRun;
}

function ConnectionSettings({ meta, connection }: { meta: ProviderMeta; connection: Connection }) {
  const lastRun = useLastRun(meta.provider, connection);
  const secret = maskedSecret(connection, meta.secretField);
  const webhookUrl = connection.webhookPath
    ? `${window.location.origin}${connection.webhookPath}`
    : null;
  const properties = stringList(connection.settings['properties']);
  return (
    <Stack gap="md">
      {webhookUrl ? (
        <Setting label="Webhook URL">
          <Group gap="xs" wrap="nowrap">
            <Code fz="sm" aria-label="Webhook URL" style={{ wordBreak: 'break-all' }}>
              {webhookUrl}
            </Code>
            <CopyButton value={webhookUrl}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color={copied ? 'teal' : 'gray'}
                    onClick={copy}
                    aria-label="Copy the webhook URL"
                  >
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            In Segment.io, add a Webhooks destination with this URL and the shared secret.
          </Text>
        </Setting>
      ) : null}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <Setting label={meta.secretLabel}>
          <Text size="sm" ff="monospace">
            {secret ?? 'set'}
          </Text>
        </Setting>
        {meta.provider === 'hubspot' ? (
          <Setting label="Properties">
            <Text size="sm">
              {properties.length > 0 ? properties.join(', ') : 'All properties'}
            </Text>
          </Setting>
        ) : null}
        {meta.provider === 'customerio' ? (
          <Setting label="Region">
            <Text size="sm">{String(connection.settings['region'] ?? 'us').toUpperCase()}</Text>
          </Setting>
        ) : null}
        {isSyncProvider(meta.provider) ? (
          <Setting label="Sync interval">
            <Text size="sm">{formatInterval(connection.intervalMinutes)}</Text>
          </Setting>
        ) : null}
        {isSyncProvider(meta.provider) ? (
          <Setting label="Last run">
            {lastRun ? (
              <Group gap="xs">
                <RunStatusBadge status={lastRun.status} />
                <Text size="sm">{formatDateTime(lastRun.finishedAt ?? lastRun.queuedAt)}</Text>
              </Group>
            ) : (
              <Text size="sm">Not run yet</Text>
            )}
          </Setting>
        ) : (
          <Setting label="Connected since">
            <Text size="sm">{formatDateTime(connection.createdAt)}</Text>
          </Setting>
        )}
      </SimpleGrid>
    </Stack>
  );
}

function SyncNowButton({
  provider,
  connection,
}: {
  provider: SyncProvider;
  connection: Connection;
}) {
  const sync = useSyncNow(provider);
  const running = isActive(useLastRun(provider, connection)?.status);
  return (
    <Stack gap={4} align="flex-end">
      <Button
        leftSection={<IconRefresh size={16} />}
        loading={sync.isPending}
        disabled={running}
        onClick={() => sync.mutate()}
      >
        Sync now
      </Button>
      {sync.isError ? (
        <Alert color="red" p={6} role="alert">
          <Text size="xs">{errorMessage(sync.error)}</Text>
        </Alert>
      ) : null}
    </Stack>
  );
}
