import { Alert, Badge, Button, Group, List, Paper, Skeleton, Table, Text } from '@mantine/core';
import { IconChartLine } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import type { SegmentHistory } from '../../../api/paths';
import { AnchorLink } from '../../../app/anchor-link';
import { errorMessage } from '../../../api/client';
import { formatDateTime, formatNumber } from '../../../app/format';
import { useMemberNames, useSegmentHistory } from '../hooks/use-segments';
import type { EditMarker, SizePoint } from './segment-size-chart';

const SegmentSizeChart = lazy(() => import('./segment-size-chart'));

type Edit = SegmentHistory['edits'][number];

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * Every day from the first recorded size to today, each with the size at its end (a day with
 * no change keeps the previous size).
 */
export function dailySeries(
  sizes: SegmentHistory['sizes'],
  today = dayOf(new Date().toISOString()),
): SizePoint[] {
  const first = sizes[0];
  if (!first) return [];
  const byDay = new Map(sizes.map((entry) => [entry.day, entry.size]));
  const points: SizePoint[] = [];
  let size = first.size;
  const end = Math.max(Date.parse(today), Date.parse(sizes[sizes.length - 1]?.day ?? today));
  for (let at = Date.parse(first.day); at <= end; at += DAY_MS) {
    const day = dayOf(new Date(at).toISOString());
    size = byDay.get(day) ?? size;
    points.push({ day, size });
  }
  return points;
}

/** "v3 · Ada Lovelace" (who: only when saved from the dashboard by a member still known). */
export function editLabel(edit: Edit, names: ReadonlyMap<string, string> | undefined): string {
  const who = edit.by ? (names?.get(edit.by) ?? 'a former member') : undefined;
  return who ? `v${edit.version} · ${who}` : `v${edit.version}`;
}

/** One marker per day with edits (several edits on one day: "v2–v4"), clamped to the chart. */
function markersOf(
  edits: readonly Edit[],
  points: readonly SizePoint[],
  names: ReadonlyMap<string, string> | undefined,
): EditMarker[] {
  const first = points[0]?.day;
  if (!first) return [];
  const byDay = new Map<string, Edit[]>();
  for (const edit of edits) {
    const day = dayOf(edit.at) < first ? first : dayOf(edit.at);
    byDay.set(day, [...(byDay.get(day) ?? []), edit]);
  }
  return [...byDay].map(([day, sameDay]) => {
    const last = sameDay[sameDay.length - 1] as Edit;
    const label =
      sameDay.length === 1
        ? editLabel(last, names)
        : `v${sameDay[0]?.version}–${editLabel(last, names)}`;
    return { day, label };
  });
}

/**
 * A saved segment's History: its size per day with a marker at each edit (version, and who
 * when saved from the dashboard), the edits listed, and the recent entered/exited users paged
 * with Load more, each user linking to their page.
 */
export function SegmentHistorySection({ segmentId }: { segmentId: string }) {
  const history = useSegmentHistory(segmentId);
  const names = useMemberNames();
  const first = history.data?.pages[0];
  const changes = history.data?.pages.flatMap((page) => page.changes) ?? [];
  const points = first ? dailySeries(first.sizes) : [];
  const edits = first?.edits ?? [];
  const loadMoreError = history.isFetchNextPageError ? history.error : null;
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="segment-history">
      <Group gap="xs" mb="sm">
        <IconChartLine size={18} aria-hidden />
        <Text id="segment-history" fw={600} size="sm">
          History
        </Text>
      </Group>
      {history.isPending ? (
        <Skeleton height={220} aria-label="Loading the history" />
      ) : history.isError ? (
        <Alert color="red" title="The history could not be loaded" role="alert">
          {errorMessage(history.error)}{' '}
          <Button variant="subtle" size="compact-sm" onClick={() => void history.refetch()}>
            Retry
          </Button>
        </Alert>
      ) : (
        <>
          <Text size="sm" fw={500} mb={4}>
            Size per day
          </Text>
          {points.length === 0 ? (
            <Text size="sm" c="dimmed">
              No size recorded yet: it appears once the segment has members.
            </Text>
          ) : (
            <div role="img" aria-label={sizeSummary(points)}>
              <Suspense fallback={<Skeleton height={220} aria-label="Loading the chart" />}>
                <SegmentSizeChart points={points} markers={markersOf(edits, points, names.data)} />
              </Suspense>
            </div>
          )}
          <Text size="sm" fw={500} mt="md" mb={4}>
            Edits
          </Text>
          <List size="sm" aria-label="Edits">
            {[...edits].reverse().map((edit) => (
              <List.Item key={edit.version}>
                Version {edit.version} saved {formatDateTime(edit.at)}
                {edit.by
                  ? ` by ${names.data?.get(edit.by) ?? 'a former member'}`
                  : ' with an API key'}
              </List.Item>
            ))}
          </List>
          <Text size="sm" fw={500} mt="md" mb={4}>
            Recent entries and exits
          </Text>
          {changes.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody has entered or left this segment yet.
            </Text>
          ) : (
            <Table verticalSpacing={4} aria-label="Recent entries and exits">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>User</Table.Th>
                  <Table.Th>Change</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Version</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.map((change) => (
                  <Table.Tr key={`${change.userId}:${change.at}:${change.change}`}>
                    <Table.Td>
                      <AnchorLink to="/users/$userId" params={{ userId: change.userId }} size="sm">
                        {change.userId}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        size="sm"
                        variant="light"
                        color={change.change === 'entered' ? 'teal' : 'gray'}
                      >
                        {change.change}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDateTime(change.at)}</Table.Td>
                    <Table.Td>v{change.segmentVersion}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {history.hasNextPage ? (
            <Button
              variant="default"
              size="xs"
              mt="sm"
              loading={history.isFetchingNextPage}
              onClick={() => void history.fetchNextPage()}
            >
              Load more
            </Button>
          ) : null}
          {loadMoreError ? (
            <Text size="sm" c="red" mt="xs" role="alert">
              The next entries could not be loaded: {errorMessage(loadMoreError)}
            </Text>
          ) : null}
        </>
      )}
    </Paper>
  );
}

function sizeSummary(points: readonly SizePoint[]): string {
  const first = points[0] as SizePoint;
  const last = points[points.length - 1] as SizePoint;
  return `Size per day from ${first.day} (${formatNumber(first.size)}) to ${last.day} (${formatNumber(last.size)})`;
}
