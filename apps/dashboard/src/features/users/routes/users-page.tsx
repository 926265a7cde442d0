import { Button, Collapse, Group, Paper, Stack } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconDeviceFloppy } from '@tabler/icons-react';
import type { SegmentRules } from '@seg/segment-engine';
import { useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { CursorPager, useCursorPages } from '../../../app/cursor-pager';
import { PageLoader, QueryError } from '../../../app/route-states';
import { UsersSegmentsHeader } from '../../../app/users-segments-tabs';
import { useSession } from '../../auth/hooks/use-session';
import { PreviewPanel } from '../../segments/components/preview-panel';
import { EMPTY_RULES } from '../../segments/filter-builder/default-conditions';
import { type AppliedFilters, usePreview } from '../../segments/hooks/use-preview';
import { useSegmentPage } from '../../segments/hooks/use-segments';
import { SampleDataOffer } from '../components/sample-data-offer';
import { useLoadSampleData } from '../hooks/use-sample-data';
import { useUserPage } from '../hooks/use-users';
import { UserTable } from '../components/user-table';

/**
 * `/users`: the Users tab. Every user, a page at a time; the filters (collapsed by default)
 * with Apply filters list the matching users instead, and Save as segment starts a segment
 * from them.
 */
// The builder (and its date pickers) loads when the filters are first opened, not with the list.
const UserFilters = lazy(() =>
  import('../components/user-filters').then((module) => ({ default: module.UserFilters })),
);

export function UsersPage() {
  const navigate = useNavigate();
  const { canWrite } = useSession();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [filtersOpened, setFiltersOpened] = useState(false);
  const [rules, setRules] = useState<SegmentRules>(EMPTY_RULES);
  const [applied, setApplied] = useState<AppliedFilters | null>(null);
  const preview = usePreview(applied);

  return (
    <Stack gap="lg" maw={1100}>
      <UsersSegmentsHeader active="users" />
      <Group justify="space-between">
        <Button
          variant="default"
          leftSection={<IconAdjustmentsHorizontal size={16} />}
          aria-expanded={filtersOpen}
          aria-controls="users-filters"
          onClick={() => {
            setFiltersOpen((open) => !open);
            setFiltersOpened(true);
          }}
        >
          {filtersOpen ? 'Hide filters' : 'Filters'}
        </Button>
        {filtersOpen ? (
          <Group gap="sm">
            <Button
              variant="default"
              onClick={() => setApplied((previous) => ({ rules, run: (previous?.run ?? 0) + 1 }))}
            >
              Apply filters
            </Button>
            {applied ? (
              <Button variant="subtle" onClick={() => setApplied(null)}>
                Show all users
              </Button>
            ) : null}
            {canWrite ? (
              <Button
                leftSection={<IconDeviceFloppy size={16} />}
                onClick={() => void navigate({ to: '/segments/new', state: { rules } })}
              >
                Save as segment
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      <Collapse expanded={filtersOpen} id="users-filters">
        <Paper withBorder radius="md" p="lg">
          {filtersOpened ? (
            <Suspense fallback={<PageLoader label="Loading the filters" />}>
              <UserFilters
                rules={rules}
                onChange={setRules}
                issuesError={preview.error}
                applied={applied}
              />
            </Suspense>
          ) : null}
        </Paper>
      </Collapse>
      {applied ? <PreviewPanel applied={applied} /> : <AllUsers />}
    </Stack>
  );
}

function AllUsers() {
  const pages = useCursorPages();
  const page = useUserPage(pages.cursor);
  return (
    <>
      <Paper withBorder radius="md">
        {page.isPending ? (
          <PageLoader label="Loading users" />
        ) : page.isError ? (
          <QueryError
            title="The users could not be loaded"
            error={page.error}
            onRetry={() => void page.refetch()}
          />
        ) : page.data.items.length === 0 && pages.cursor === null ? (
          <NoUserYet />
        ) : (
          <UserTable users={page.data.items} label="Users" />
        )}
      </Paper>
      {page.isSuccess ? (
        <CursorPager pages={pages} nextCursor={page.data.nextCursor} label="Users pages" />
      ) : null}
    </>
  );
}

/**
 * No user: where they come from, and for editors and admins of a workspace with no segment
 * either, Load sample data (the gateway refuses a workspace that is not empty anyway).
 */
function NoUserYet() {
  const { canWrite } = useSession();
  const segments = useSegmentPage(null);
  const load = useLoadSampleData();
  const empty = segments.isSuccess && segments.data.segments.length === 0;
  return (
    <SampleDataOffer
      canLoad={canWrite && (empty || load.isPending)}
      loading={load.isPending}
      error={load.error}
      onLoad={() => load.mutate()}
    />
  );
}
