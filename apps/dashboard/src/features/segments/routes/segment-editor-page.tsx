import { AnchorLink } from '../../../app/anchor-link';
import { LeaveGuardModal } from '../../../app/leave-guard-modal';
import { Alert, Breadcrumbs, Button, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { SegmentRules } from '@seg/segment-engine';
import { useBlocker, useNavigate, useParams, useRouterState } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import type { SegmentResponse } from '../../../api/paths';
import { PageLoader, QueryError } from '../../../app/route-states';
import { useSession } from '../../auth/hooks/use-session';
import { PreviewPanel } from '../components/preview-panel';
import { SegmentEditorForm } from '../components/segment-editor-form';
import { apiPath } from '../filter-builder/rules-tree';
import { useFilterCatalog } from '../hooks/use-filter-catalog';
import { useFilterCounts } from '../hooks/use-filter-counts';
import { type AppliedFilters, issuesOf, usePreview } from '../hooks/use-preview';
import { useRulesCheck } from '../hooks/use-rules-check';
import { type SegmentDraft, useSegmentDraft } from '../hooks/use-segment-draft';
import {
  useExperiences,
  useSaveSegment,
  useSegment,
  useSegmentForecast,
  useSegmentUsage,
} from '../hooks/use-segments';
import { SegmentForecastCard } from '../components/segment-forecast';
import { SegmentHistorySection } from '../components/segment-history';
import { SegmentImpactSummary } from '../components/segment-impact';
import { useSegmentImpact } from '../hooks/use-segment-impact';

/** `/segments/new` (from Users → Save as segment, the filters come along). */
export function NewSegmentPage() {
  const rules = useRouterState({ select: (state) => state.location.state.rules });
  return <SegmentEditor initial={rules ? { rules } : undefined} />;
}

/** `/segments/:segmentId`: the saved segment, to edit. */
export function EditSegmentPage() {
  const { segmentId } = useParams({ from: '/app/segments/$segmentId' });
  const segment = useSegment(segmentId);
  if (segment.isPending) return <PageLoader label="Loading the segment" />;
  if (segment.isError) {
    return (
      <QueryError
        title="The segment could not be loaded"
        error={segment.error}
        onRetry={() => void segment.refetch()}
      />
    );
  }
  return <SegmentEditor key={segment.data.id} segment={segment.data} />;
}

function draftOf(segment: SegmentResponse): SegmentDraft {
  return {
    name: segment.name,
    description: segment.description ?? '',
    rules: segment.rules as SegmentRules,
  };
}

function SegmentEditor({
  segment,
  initial,
}: {
  segment?: SegmentResponse;
  initial?: Partial<SegmentDraft>;
}) {
  const navigate = useNavigate();
  const { canWrite } = useSession();
  const catalog = useFilterCatalog();
  const [baseline] = useState(() => (segment ? draftOf(segment) : undefined));
  const { draft, setName, setDescription, setRules } = useSegmentDraft(baseline ?? initial);
  const [savedDraft, setSavedDraft] = useState(() => JSON.stringify(baseline ?? draft));
  const [applied, setApplied] = useState<AppliedFilters | null>(null);
  const [confirmingLiveEdit, setConfirmingLiveEdit] = useState(false);
  const save = useSaveSegment(segment?.id);
  const usage = useSegmentUsage(segment?.id);
  const usedBy = usage.data?.usedBy ?? [];
  const experiences = useExperiences(usedBy);
  const forecast = useSegmentForecast(segment?.id);

  const dirty = JSON.stringify(draft) !== savedDraft;
  const blocker = useBlocker({
    shouldBlockFn: () => dirty && !save.isPending,
    enableBeforeUnload: () => dirty,
    withResolver: true,
  });

  const preview = usePreview(applied);
  const filterCounts = useFilterCounts(applied, draft.rules);
  const countsError =
    filterCounts.error && issuesOf(filterCounts.error).length === 0
      ? errorMessage(filterCounts.error)
      : undefined;
  const warnings = useRulesCheck(draft.rules, segment?.id);
  const rulesEdited =
    baseline !== undefined && JSON.stringify(draft.rules) !== JSON.stringify(baseline.rules);
  const impact = useSegmentImpact(segment?.id, draft.rules, baseline?.rules);
  const saveIssues = issuesOf(save.error);
  // A 400 of Save or of Apply filters: each detail next to what its path names (once).
  const issues = [...saveIssues, ...issuesOf(preview.error)].filter(
    (issue, index, all) =>
      all.findIndex((other) => other.path === issue.path && other.message === issue.message) ===
      index,
  );
  const nodePaths = new Set(['name', 'description']);
  const unplaced = issues.filter(
    (issue) => !nodePaths.has(issue.path) && !issue.path.startsWith(apiPath([])),
  );

  const doSave = () => {
    setConfirmingLiveEdit(false);
    save.mutate(draft, {
      onSuccess: async () => {
        setSavedDraft(JSON.stringify(draft));
        await navigate({ to: '/segments', ignoreBlocker: true });
      },
    });
  };
  const onSave = () => (usedBy.length > 0 ? setConfirmingLiveEdit(true) : doSave());
  const title = segment ? segment.name : 'New Segment';

  return (
    <Stack gap="lg" maw={1100}>
      <Breadcrumbs>
        <AnchorLink to="/segments" size="sm">
          Users &amp; Segments
        </AnchorLink>
        <Text size="sm">{segment ? 'Edit segment' : 'New Segment'}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {title}
          </Title>
          <Text c="dimmed" size="sm">
            A saved filter over your users. Experiences target the users in their segments.
          </Text>
        </div>
        <Group gap="sm">
          {rulesEdited ? (
            <SegmentImpactSummary impact={impact.impact} loading={impact.loading} />
          ) : null}
          <Button
            variant="default"
            onClick={() => {
              save.reset();
              setApplied((previous) => ({ rules: draft.rules, run: (previous?.run ?? 0) + 1 }));
            }}
          >
            Apply filters
          </Button>
          {canWrite ? (
            <Button onClick={onSave} loading={save.isPending} disabled={!catalog.isSuccess}>
              Save
            </Button>
          ) : null}
        </Group>
      </Group>
      {usedBy.length > 0 ? (
        <Alert
          color="yellow"
          icon={<IconAlertTriangle />}
          title={`Used by ${usedBy.length} ${usedBy.length === 1 ? 'experience' : 'experiences'}`}
        >
          Saving applies these filters to every experience using this segment at once.
        </Alert>
      ) : null}
      {segment && !forecast.isError ? (
        <SegmentForecastCard forecast={forecast.data} loading={forecast.isPending} />
      ) : null}
      {save.isError && saveIssues.length === 0 ? (
        <Alert color="red" title="The segment was not saved" role="alert">
          {errorMessage(save.error)}
        </Alert>
      ) : null}
      {saveIssues.length > 0 ? (
        <Alert color="red" title="The segment was not saved" role="alert">
          {errorMessage(save.error)} The fields and filters concerned are marked below.
          {unplaced.length > 0 ? (
            <List size="sm" mt="xs">
              {unplaced.map((issue) => (
                <List.Item key={`${issue.path}:${issue.message}`}>
                  {issue.path}: {issue.message}
                </List.Item>
              ))}
            </List>
          ) : null}
        </Alert>
      ) : null}
      {catalog.isPending ? (
        <PageLoader label="Loading the attribute catalog" />
      ) : catalog.isError ? (
        <QueryError
          title="The attribute catalog could not be loaded"
          error={catalog.error}
          onRetry={() => void catalog.refetch()}
        />
      ) : (
        <SegmentEditorForm
          draft={draft}
          catalog={catalog.data}
          issues={issues}
          warnings={warnings}
          counts={filterCounts.counts}
          countsError={countsError}
          onNameChange={setName}
          onDescriptionChange={setDescription}
          onRulesChange={setRules}
        />
      )}
      <PreviewPanel applied={applied} />
      {segment ? <SegmentHistorySection segmentId={segment.id} /> : null}

      <Modal
        opened={confirmingLiveEdit}
        onClose={() => setConfirmingLiveEdit(false)}
        title="Save for every experience using it?"
      >
        <Stack>
          <Text size="sm">
            These experiences target this segment; they will use the new filters at once:
          </Text>
          <List size="sm">
            {usedBy.map((id, index) => (
              <List.Item key={id}>{experiences[index]?.data?.name ?? id}</List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingLiveEdit(false)}>
              Cancel
            </Button>
            <Button onClick={doSave}>Save for all</Button>
          </Group>
        </Stack>
      </Modal>

      <LeaveGuardModal blocker={blocker} what="this segment" />
    </Stack>
  );
}
