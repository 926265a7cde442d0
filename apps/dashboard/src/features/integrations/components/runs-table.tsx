import { Alert, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { formatDateTime, formatNumber } from '../../../app/format';
import { EmptyState, PageLoader, QueryError } from '../../../app/route-states';
import { useRefreshWhenRunEnds, useRuns } from '../hooks/use-integrations';
import { isActive, providerName, type Run, type SyncProvider } from '../providers';
import { RunStatusBadge } from './run-status';

const STATS = ['fetched', 'created', 'updated', 'skipped', 'unmatched', 'failed'] as const;
const STAT_LABELS: Record<(typeof STATS)[number], string> = {
  fetched: 'Fetched',
  created: 'Created',
  updated: 'Updated',
  skipped: 'Unchanged',
  unmatched: 'No user yet',
  failed: 'Failed',
};

function duration(run: Run): string {
  if (!run.startedAt) return '—';
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  const seconds = Math.max(0, Math.round((end - Date.parse(run.startedAt)) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A provider's latest runs: status, progress while running, stats, the error of a failed one. */
export function RunsTable({ provider }: { provider: SyncProvider }) {
  const runs = useRuns(provider, true);
  useRefreshWhenRunEnds(runs.data);
  const name = providerName(provider);
  if (runs.isPending) return <PageLoader label={`Loading ${name} runs`} />;
  if (runs.isError) {
    return (
      <QueryError
        title="The runs could not be loaded"
        error={runs.error}
        onRetry={() => void runs.refetch()}
      />
    );
  }
  if (runs.data.length === 0) {
    return (
      <EmptyState title="No run yet">Sync now starts one; scheduled runs show here too.</EmptyState>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" aria-label={`${name} runs`} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Status</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th>Duration</Table.Th>
            {STATS.map((stat) => (
              <Table.Th key={stat} ta="right">
                {STAT_LABELS[stat]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.data.map((run) => (
            <Fragment key={run.id}>
              <Table.Tr aria-label={`Run ${run.id}`}>
                <Table.Td>
                  <Stack gap={2}>
                    <RunStatusBadge status={run.status} />
                    <Text size="xs" c="dimmed">
                      {run.trigger === 'manual' ? 'Sync now' : 'Scheduled'}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>{formatDateTime(run.startedAt ?? run.queuedAt)}</Table.Td>
                <Table.Td>{duration(run)}</Table.Td>
                {STATS.map((stat) => (
                  <Table.Td
                    key={stat}
                    ta="right"
                    c={stat === 'failed' && run.stats.failed > 0 ? 'red' : undefined}
                  >
                    {formatNumber(run.stats[stat])}
                  </Table.Td>
                ))}
              </Table.Tr>
              {isActive(run.status) ? (
                <Table.Tr>
                  <Table.Td colSpan={3 + STATS.length} pt={0}>
                    <RunProgress run={run} />
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {run.status === 'failed' && run.error ? (
                <Table.Tr>
                  <Table.Td colSpan={3 + STATS.length} pt={0}>
                    <Alert color="red" variant="light" p="xs" title="Why it failed">
                      <Text size="sm">{run.error}</Text>
                    </Alert>
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * Live progress: the vendors announce no total, so the bar runs while records are counted as
 * each page is written (the runs answer is asked again every second).
 */
export function RunProgress({ run }: { run: Run }) {
  const label =
    run.status === 'queued'
      ? 'Waiting for a worker…'
      : `${formatNumber(run.stats.fetched)} records fetched, ${formatNumber(
          run.stats.created + run.stats.updated,
        )} users written so far`;
  return (
    <Group gap="sm" wrap="nowrap" role="status" aria-label="Sync progress">
      <Progress value={100} striped animated flex={1} size="sm" aria-hidden />
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
    </Group>
  );
}
