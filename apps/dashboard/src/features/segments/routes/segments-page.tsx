import { Button, Group, Paper, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { AnchorLink } from '../../../app/anchor-link';
import { useState } from 'react';
import type { SegmentListItem } from '../../../api/paths';
import { formatDateTime, formatNumber } from '../../../app/format';
import { CursorPager, useCursorPages } from '../../../app/cursor-pager';
import { EmptyState, PageLoader, QueryError } from '../../../app/route-states';
import { UsersSegmentsHeader } from '../../../app/users-segments-tabs';
import { useSession } from '../../auth/hooks/use-session';
import { DeleteSegmentDialog } from '../components/delete-segment-dialog';
import { useSegmentCount, useSegmentPage } from '../hooks/use-segments';

/** `/segments`: the Segments tab, a table of every segment, paged. */
export function SegmentsPage() {
  const { canWrite } = useSession();
  const pages = useCursorPages();
  const page = useSegmentPage(pages.cursor);
  const [deleting, setDeleting] = useState<SegmentListItem | null>(null);
  return (
    <Stack gap="lg" maw={1100}>
      <UsersSegmentsHeader active="segments" />
      {canWrite ? (
        <Group justify="flex-end">
          <Button component={Link} to="/segments/new" leftSection={<IconPlus size={16} />}>
            New Segment
          </Button>
        </Group>
      ) : null}
      <Paper withBorder radius="md">
        {page.isPending ? (
          <PageLoader label="Loading segments" />
        ) : page.isError ? (
          <QueryError
            title="The segments could not be loaded"
            error={page.error}
            onRetry={() => void page.refetch()}
          />
        ) : page.data.segments.length === 0 && pages.cursor === null ? (
          <EmptyState title="No segment yet">
            A segment is a saved filter over your users: attributes, events, experiences.
            {canWrite ? ' Start with New Segment.' : null}
          </EmptyState>
        ) : (
          <Table highlightOnHover verticalSpacing="sm" aria-label="Segments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th ta="right">Size</Table.Th>
                <Table.Th>Used by</Table.Th>
                <Table.Th>Last updated</Table.Th>
                {canWrite ? (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.segments.map((segment) => (
                <SegmentRow
                  key={segment.id}
                  segment={segment}
                  canWrite={canWrite}
                  onDelete={() => setDeleting(segment)}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {page.isSuccess ? (
        <CursorPager pages={pages} nextCursor={page.data.nextCursor} label="Segments pages" />
      ) : null}
      <DeleteSegmentDialog segment={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}

function SegmentRow({
  segment,
  canWrite,
  onDelete,
}: {
  segment: SegmentListItem;
  canWrite: boolean;
  onDelete: () => void;
}) {
  const navigate = useNavigate();
  const count = useSegmentCount(segment.id);
  const open = () =>
    void navigate({ to: '/segments/$segmentId', params: { segmentId: segment.id } });
  const usedBy = segment.usedBy.length;
  return (
    <Table.Tr style={{ cursor: 'pointer' }} onClick={open}>
      <Table.Td>
        <AnchorLink
          to="/segments/$segmentId"
          params={{ segmentId: segment.id }}
          fw={500}
          size="sm"
          onClick={(event) => event.stopPropagation()}
        >
          {segment.name}
        </AnchorLink>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" lineClamp={2}>
          {segment.description ?? ''}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        {count.isPending ? (
          <Skeleton height={14} width={40} ml="auto" aria-label="Counting" />
        ) : count.isError ? (
          <Text size="sm" c="red" title={count.error.message}>
            unavailable
          </Text>
        ) : (
          formatNumber(count.data.count)
        )}
      </Table.Td>
      <Table.Td>
        {usedBy === 0 ? 'No experience' : usedBy === 1 ? '1 experience' : `${usedBy} experiences`}
      </Table.Td>
      <Table.Td>{formatDateTime(segment.updatedAt)}</Table.Td>
      {canWrite ? (
        <Table.Td ta="right">
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            leftSection={<IconTrash size={14} />}
            onClick={(event) => {
              event.stopPropagation();
              onDelete();
            }}
          >
            Delete
          </Button>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}
