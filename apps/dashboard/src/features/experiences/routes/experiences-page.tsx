import { Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconFlask, IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import type { ExperienceResponse, SegmentListItem } from '../../../api/paths';
import { AnchorLink } from '../../../app/anchor-link';
import { CursorPager, useCursorPages } from '../../../app/cursor-pager';
import { EmptyState, PageLoader, QueryError } from '../../../app/route-states';
import { useSession } from '../../auth/hooks/use-session';
import { reachText } from '../components/reach-summary';
import { StatusBadge } from '../components/status-badge';
import { audienceSummary, TYPE_LABELS } from '../experience-draft';
import { useAllSegments, useReach } from '../hooks/use-audience';
import { useExperiencePage } from '../hooks/use-experiences';

/** `/experiences`: every experience with its type, status, audience and reach, paged. */
export function ExperiencesPage() {
  const { canWrite, role } = useSession();
  const pages = useCursorPages();
  const page = useExperiencePage(pages.cursor);
  const segments = useAllSegments();
  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Experiences
          </Title>
          <Text c="dimmed" size="sm">
            Tours, surveys, announcements, banners and checklists, each shown to its audience.
          </Text>
        </div>
        <Group gap="sm">
          {role === 'admin' ? (
            <Button
              component={Link}
              to="/experiences/playground"
              variant="default"
              leftSection={<IconFlask size={16} />}
            >
              Targeting playground
            </Button>
          ) : null}
          {canWrite ? (
            <Button component={Link} to="/experiences/new" leftSection={<IconPlus size={16} />}>
              New experience
            </Button>
          ) : null}
        </Group>
      </Group>
      <Paper withBorder radius="md">
        {page.isPending ? (
          <PageLoader label="Loading experiences" />
        ) : page.isError ? (
          <QueryError
            title="The experiences could not be loaded"
            error={page.error}
            onRetry={() => void page.refetch()}
          />
        ) : page.data.experiences.length === 0 && pages.cursor === null ? (
          <EmptyState title="No experience yet">
            An experience guides, informs or asks your users, shown to the segments you choose.
            {canWrite ? ' Start with New experience.' : null}
          </EmptyState>
        ) : (
          <Table highlightOnHover verticalSpacing="sm" aria-label="Experiences">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Audience</Table.Th>
                <Table.Th ta="right">Reach</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.experiences.map((experience) => (
                <ExperienceRow
                  key={experience.id}
                  experience={experience}
                  segments={segments.data}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {page.isSuccess ? (
        <CursorPager pages={pages} nextCursor={page.data.nextCursor} label="Experiences pages" />
      ) : null}
    </Stack>
  );
}

function ExperienceRow({
  experience,
  segments,
}: {
  experience: ExperienceResponse;
  segments: SegmentListItem[] | undefined;
}) {
  const navigate = useNavigate();
  const open = () =>
    void navigate({ to: '/experiences/$experienceId', params: { experienceId: experience.id } });
  const name = (id: string) => segments?.find((segment) => segment.id === id)?.name;
  return (
    <Table.Tr style={{ cursor: 'pointer' }} onClick={open}>
      <Table.Td>
        <AnchorLink
          to="/experiences/$experienceId"
          params={{ experienceId: experience.id }}
          fw={500}
          size="sm"
          onClick={(event) => event.stopPropagation()}
        >
          {experience.name}
        </AnchorLink>
      </Table.Td>
      <Table.Td>{TYPE_LABELS[experience.type]}</Table.Td>
      <Table.Td>
        <StatusBadge status={experience.status} />
      </Table.Td>
      <Table.Td>
        {experience.targetsNobody ? (
          <Text size="sm" c="orange.8" fw={500}>
            Targets nobody: no segment
          </Text>
        ) : (
          <Text size="sm">{audienceSummary(experience.audience, name)}</Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <ReachCell experience={experience} />
      </Table.Td>
    </Table.Tr>
  );
}

function ReachCell({ experience }: { experience: ExperienceResponse }) {
  const ids =
    experience.audience.mode === 'all' ? ('all' as const) : experience.audience.segmentIds;
  const reach = useReach(ids);
  if (ids !== 'all' && ids.length === 0) return <Text size="sm">0 users</Text>;
  if (reach.isPending) return <Skeleton height={14} width={60} ml="auto" aria-label="Counting" />;
  if (reach.isError) {
    return (
      <Text size="sm" c="red" title={reach.error.message}>
        unavailable
      </Text>
    );
  }
  return <Text size="sm">{reachText(reach.data)}</Text>;
}
