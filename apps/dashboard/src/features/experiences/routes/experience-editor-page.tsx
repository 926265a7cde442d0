import { LeaveGuardModal } from '../../../app/leave-guard-modal';
import {
  Alert,
  Breadcrumbs,
  Button,
  Group,
  List,
  Paper,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconPlayerPause, IconRocket } from '@tabler/icons-react';
import { useBlocker, useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { ApiError, errorMessage } from '../../../api/client';
import type { ExperienceResponse } from '../../../api/paths';
import { AnchorLink } from '../../../app/anchor-link';
import { PageLoader, QueryError } from '../../../app/route-states';
import { useSession } from '../../auth/hooks/use-session';
import { AudienceStep } from '../components/audience-step';
import { ConfirmAllUsersDialog } from '../components/confirm-all-users-dialog';
import { ExperienceStatsPanel } from '../components/experience-stats-panel';
import { StatusBadge } from '../components/status-badge';
import { StepsEditor } from '../components/steps-editor';
import {
  draftOf,
  emptyDraft,
  EXPERIENCE_TYPES,
  type ExperienceDraft,
  type ExperienceType,
  TYPE_LABELS,
} from '../experience-draft';
import { useChangeStatus, useExperience, useSaveExperience } from '../hooks/use-experiences';

/** `/experiences/new`. */
export function NewExperiencePage() {
  return <ExperienceEditor />;
}

/** `/experiences/:experienceId`: its steps, its Audience step, Publish / Unpublish, results. */
export function EditExperiencePage() {
  const { experienceId } = useParams({ from: '/app/experiences/$experienceId' });
  const experience = useExperience(experienceId);
  if (experience.isPending) return <PageLoader label="Loading the experience" />;
  if (experience.isError) {
    return (
      <QueryError
        title="The experience could not be loaded"
        error={experience.error}
        onRetry={() => void experience.refetch()}
      />
    );
  }
  return <ExperienceEditor key={experience.data.id} experience={experience.data} />;
}

/** A 400's `details`, by path under the body (`steps[1].question`). */
function issuesOf(error: unknown): Map<string, string> {
  const issues = new Map<string, string>();
  if (error instanceof ApiError && error.status === 400) {
    for (const detail of error.details) {
      const path = detail.path.replace(/^body\.?/, '');
      if (!issues.has(path)) issues.set(path, detail.message);
    }
  }
  return issues;
}

function ExperienceEditor({ experience }: { experience?: ExperienceResponse }) {
  const navigate = useNavigate();
  const { canWrite } = useSession();
  const [draft, setDraft] = useState<ExperienceDraft>(() =>
    experience ? draftOf(experience) : emptyDraft(),
  );
  const [savedDraft, setSavedDraft] = useState(() => JSON.stringify(draft));
  const [confirming, setConfirming] = useState<'publish' | 'save' | null>(null);
  const save = useSaveExperience(experience?.id);
  const status = useChangeStatus(experience?.id ?? '');
  const dirty = JSON.stringify(draft) !== savedDraft;
  const readOnly = !canWrite;
  const blocker = useBlocker({
    shouldBlockFn: () => dirty && !save.isPending,
    enableBeforeUnload: () => dirty,
    withResolver: true,
  });
  const issues = issuesOf(save.error);
  const published = experience?.status === 'published';
  const set = (patch: Partial<ExperienceDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const doSave = () => {
    setConfirming(null);
    save.mutate(draft, {
      onSuccess: async (saved) => {
        setSavedDraft(JSON.stringify(draft));
        if (!experience) {
          await navigate({
            to: '/experiences/$experienceId',
            params: { experienceId: saved.id },
            ignoreBlocker: true,
          });
        }
      },
    });
  };
  // Widening a live experience to everyone is asked first.
  const widensLive =
    published && draft.audience.mode === 'all' && experience?.audience.mode !== 'all';
  const onSave = () => (widensLive ? setConfirming('save') : doSave());
  const doPublish = () => status.mutate('publish', { onSuccess: () => setConfirming(null) });
  const onPublish = () =>
    experience?.audience.mode === 'all' ? setConfirming('publish') : doPublish();

  const unplaced = [...issues].filter(
    ([path]) =>
      path !== 'name' &&
      path !== 'type' &&
      !path.startsWith('steps') &&
      !path.startsWith('audience'),
  );

  return (
    <Stack gap="lg" maw={1100}>
      <Breadcrumbs>
        <AnchorLink to="/experiences" size="sm">
          Experiences
        </AnchorLink>
        <Text size="sm">{experience ? 'Edit experience' : 'New experience'}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="sm">
            <Title order={1} size="h2">
              {experience ? experience.name : 'New experience'}
            </Title>
            {experience ? <StatusBadge status={experience.status} /> : null}
          </Group>
          <Text c="dimmed" size="sm">
            {experience
              ? published
                ? 'Live: changes you save apply to the users it targets at once.'
                : 'A draft: nobody sees it until it is published.'
              : 'Its steps, then who sees it. Save it as a draft, then publish.'}
          </Text>
        </div>
        {canWrite ? (
          <Group gap="sm">
            {dirty ? null : experience ? (
              <Text size="sm" c="dimmed">
                <IconCheck size={14} style={{ verticalAlign: 'middle' }} /> All changes saved
              </Text>
            ) : null}
            <Button
              variant={experience ? 'default' : 'filled'}
              onClick={onSave}
              loading={save.isPending}
              disabled={experience !== undefined && !dirty}
            >
              Save
            </Button>
            {experience ? (
              published ? (
                <Button
                  variant="light"
                  color="gray"
                  leftSection={<IconPlayerPause size={16} />}
                  loading={status.isPending}
                  onClick={() => status.mutate('unpublish')}
                >
                  Unpublish
                </Button>
              ) : (
                <Button
                  leftSection={<IconRocket size={16} />}
                  loading={status.isPending}
                  disabled={dirty}
                  title={dirty ? 'Save your changes first' : undefined}
                  onClick={onPublish}
                >
                  Publish
                </Button>
              )
            ) : null}
          </Group>
        ) : null}
      </Group>

      {save.isError ? (
        <Alert color="red" title="The experience was not saved" role="alert">
          {errorMessage(save.error)}
          {issues.size > 0 ? ' The fields concerned are marked below.' : null}
          {unplaced.length > 0 ? (
            <List size="sm" mt="xs">
              {unplaced.map(([path, message]) => (
                <List.Item key={path}>
                  {path}: {message}
                </List.Item>
              ))}
            </List>
          ) : null}
        </Alert>
      ) : null}
      {status.isError ? (
        <Alert color="red" title="The status was not changed" role="alert">
          {errorMessage(status.error)}
        </Alert>
      ) : null}
      {experience?.targetsNobody && !dirty ? (
        <Alert color="orange" title="This experience targets nobody" role="status">
          It has no segment left{published ? ', so no user sees it although it is published' : ''}.
          Select segments under Who, or choose All users.
        </Alert>
      ) : null}

      {/* A live experience leads with how it does; a draft's results come last. */}
      {experience && published ? <ExperienceStatsPanel experienceId={experience.id} /> : null}

      <Section title="Details">
        <Group grow align="flex-start">
          <TextInput
            label="Name"
            required
            readOnly={readOnly}
            placeholder="Welcome tour"
            value={draft.name}
            error={issues.get('name')}
            onChange={(event) => set({ name: event.currentTarget.value })}
          />
          <NativeSelect
            label="Type"
            disabled={readOnly}
            data={EXPERIENCE_TYPES.map((type) => ({ value: type, label: TYPE_LABELS[type] }))}
            value={draft.type}
            error={issues.get('type')}
            onChange={(event) => set({ type: event.currentTarget.value as ExperienceType })}
          />
        </Group>
      </Section>

      <Section
        title="Steps"
        description="Shown one after the other; completing the last one completes the experience."
      >
        <StepsEditor
          steps={draft.steps}
          readOnly={readOnly}
          issues={issues}
          onChange={(steps) => set({ steps })}
        />
      </Section>

      <Section title="Audience" description="Who sees this experience once it is published.">
        <AudienceStep
          audience={draft.audience}
          readOnly={readOnly}
          issue={issues.get('audience') ?? issues.get('audience.segmentIds')}
          experienceId={experience?.id}
          onChange={(audience) => set({ audience })}
        />
      </Section>

      {experience && !published ? <ExperienceStatsPanel experienceId={experience.id} /> : null}

      <ConfirmAllUsersDialog
        opened={confirming !== null}
        action={confirming ?? 'publish'}
        pending={confirming === 'save' ? save.isPending : status.isPending}
        onConfirm={confirming === 'save' ? doSave : doPublish}
        onClose={() => setConfirming(null)}
      />

      <LeaveGuardModal blocker={blocker} what="this experience" />
    </Stack>
  );
}

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={title}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
