import { Alert, Group, Loader, Paper, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconUsers } from '@tabler/icons-react';
import { errorMessage } from '../../../api/client';
import type { SegmentListItem } from '../../../api/paths';
import { formatNumber } from '../../../app/format';
import type { AudienceDraft } from '../experience-draft';
import { type Reach, useReach, useReachWithout } from '../hooks/use-audience';
import { SegmentSize } from './segment-picker';

const users = (n: number) => `${formatNumber(n)} ${n === 1 ? 'user' : 'users'}`;

/** "1,234 users", or "About 12,000 users (estimate, 95% between … and …)". */
export function reachText(reach: Reach): string {
  if (reach.exact) return users(reach.count);
  const interval = reach.interval
    ? `, 95% between ${formatNumber(reach.interval[0])} and ${formatNumber(reach.interval[1])}`
    : '';
  return `About ${users(reach.count)} (estimate${interval})`;
}

/**
 * Who the audience reaches now: every user, nobody (no segment), or the users in at least one
 * selected segment; with two or more, how many each one adds (reach of all minus reach
 * without it) and how many are in more than one.
 */
export function ReachSummary({
  audience,
  segments,
}: {
  audience: AudienceDraft;
  segments: SegmentListItem[];
}) {
  const ids = audience.mode === 'all' ? ('all' as const) : audience.segmentIds;
  const reach = useReach(ids);
  const without = useReachWithout(audience.mode === 'all' ? [] : audience.segmentIds);

  if (audience.mode === 'segments' && audience.segmentIds.length === 0) {
    return (
      <Alert color="yellow" icon={<IconAlertTriangle />} title="Targets nobody" role="status">
        No segment is selected: this experience shows to nobody. Select at least one segment, or
        choose All users.
      </Alert>
    );
  }
  const name = (id: string) => segments.find((segment) => segment.id === id)?.name ?? id;
  const adds = without.map((answer) =>
    reach.data && answer.data ? reach.data.count - answer.data.count : undefined,
  );
  const allKnown = adds.length > 0 && adds.every((n) => n !== undefined);
  const overlap =
    allKnown && reach.data
      ? reach.data.count - adds.reduce<number>((sum, n) => sum + (n ?? 0), 0)
      : undefined;
  const estimated =
    reach.data?.exact === false || without.some((answer) => answer.data?.exact === false);

  return (
    <Paper withBorder radius="md" p="md" bg="gray.0" component="section" aria-label="Reach">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size="lg" radius="md">
            <IconUsers size={18} />
          </ThemeIcon>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Reach
            </Text>
            {reach.isPending ? (
              <Group gap={6}>
                <Loader size="xs" aria-label="Counting the reach" />
                <Text size="sm" c="dimmed">
                  Counting…
                </Text>
              </Group>
            ) : reach.isError ? (
              <Text size="sm" c="red" role="alert">
                The reach could not be counted: {errorMessage(reach.error)}
              </Text>
            ) : (
              <Text fw={600} aria-live="polite" data-testid="reach">
                {reachText(reach.data)}
                <Text span size="sm" c="dimmed" fw={400}>
                  {audience.mode === 'all' ? ' — every user' : ' in at least one selected segment'}
                </Text>
              </Text>
            )}
          </div>
        </Group>
        {audience.mode === 'segments' && audience.segmentIds.length >= 2 ? (
          <>
            <Table aria-label="What each segment adds" verticalSpacing={6} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Segment</Table.Th>
                  <Table.Th ta="right">Size</Table.Th>
                  <Table.Th ta="right">Adds</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audience.segmentIds.map((id, index) => (
                  <Table.Tr key={id}>
                    <Table.Td>{name(id)}</Table.Td>
                    <Table.Td ta="right">
                      <Group justify="flex-end">
                        <SegmentSize segmentId={id} />
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">
                      {adds[index] === undefined ? (
                        <Loader size="xs" aria-label="Counting" />
                      ) : (
                        `+${formatNumber(adds[index])}`
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {overlap !== undefined ? (
              <Text size="xs" c="dimmed">
                {overlap === 0
                  ? 'The selected segments do not overlap: each user is in one of them only.'
                  : `${users(overlap)} ${overlap === 1 ? 'is' : 'are'} in more than one selected segment (counted once). “Adds” is how many users only that segment brings.`}
                {estimated ? ' Figures from estimates.' : ''}
              </Text>
            ) : null}
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
