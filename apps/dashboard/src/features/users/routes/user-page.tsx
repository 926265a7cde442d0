import { AnchorLink } from '../../../app/anchor-link';
import {
  ActionIcon,
  Alert,
  Badge,
  Breadcrumbs,
  Button,
  Code,
  Group,
  List,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { CUSTOM_SOURCES, type CustomSource } from '@seg/segment-engine';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorMessage } from '../../../api/client';
import type { UserProfile } from '../../../api/paths';
import { formatDateTime, formatNumber } from '../../../app/format';
import { PageLoader, QueryError } from '../../../app/route-states';
import { useSession } from '../../auth/hooks/use-session';
import { CUSTOM_SOURCE_LABELS } from '../../segments/filter-builder/labels';
import {
  useEditTags,
  useMembershipExplanation,
  useUserEvents,
  useUserProfile,
} from '../hooks/use-users';
import { membershipForecast } from '../components/describe-condition';
import { ExplanationTree } from '../components/explanation-tree';
import { useExperiences } from '../../segments/hooks/use-segments';

/** `/users/:userId`: one user's profile (api.md `GET /v1/users/:userId`). */
export function UserPage() {
  const { userId } = useParams({ from: '/app/users/$userId' });
  const profile = useUserProfile(userId);
  return (
    <Stack gap="lg" maw={1100}>
      <Breadcrumbs>
        <AnchorLink to="/users" size="sm">
          Users &amp; Segments
        </AnchorLink>
        <Text size="sm">{userId}</Text>
      </Breadcrumbs>
      {profile.isPending ? (
        <PageLoader label="Loading the user" />
      ) : profile.isError ? (
        <QueryError
          title="The user could not be loaded"
          error={profile.error}
          onRetry={() => void profile.refetch()}
        />
      ) : (
        <Profile profile={profile.data} />
      )}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function Profile({ profile }: { profile: UserProfile }) {
  return (
    <>
      <div>
        <Title order={1} size="h2">
          {profile.name ?? profile.userId}
        </Title>
        <Text c="dimmed" size="sm">
          {profile.email ?? 'No email'} · {profile.userId}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title="Attributes">
          <Table aria-label="Attributes">
            <Table.Tbody>
              <Row label="Name" value={profile.name ?? '—'} />
              <Row label="Email" value={profile.email ?? '—'} />
              <Row label="Last activity" value={formatDateTime(profile.lastActivityAt)} />
              <Row label="Created" value={formatDateTime(profile.createdAt)} />
              <Row label="Sessions" value={formatNumber(profile.sessions)} />
            </Table.Tbody>
          </Table>
        </Section>
        <TagsSection userId={profile.userId} tags={profile.tags} />
      </SimpleGrid>
      <Section title="Custom attributes">
        <CustomAttributes custom={profile.custom} />
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title="Experiences">
          <ExperienceList label="Seen" ids={profile.experiences.seen} />
          <ExperienceList label="Completed" ids={profile.experiences.completed} />
          <AnswerList tokens={profile.experiences.answers} />
        </Section>
        <SegmentsSection profile={profile} />
      </SimpleGrid>
      <RecentEvents userId={profile.userId} />
    </>
  );
}

const EVENT_SOURCE_NAMES: Record<string, string> = { jimo: 'Events', segment: 'Segment.io Events' };

function RecentEvents({ userId }: { userId: string }) {
  const events = useUserEvents(userId);
  return (
    <Section title="Recent events">
      {events.isPending ? (
        <PageLoader label="Loading the events" />
      ) : events.isError ? (
        <QueryError
          title="The events could not be loaded"
          error={events.error}
          onRetry={() => void events.refetch()}
        />
      ) : events.data.events.length === 0 ? (
        <Text size="sm" c="dimmed">
          No event yet.
        </Text>
      ) : (
        <Table aria-label="Recent events" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Event</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Properties</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.data.events.map((event, index) => (
              <Table.Tr key={`${event.timestamp}-${index}`}>
                <Table.Td>{event.name}</Table.Td>
                <Table.Td>{EVENT_SOURCE_NAMES[event.source] ?? event.source}</Table.Td>
                <Table.Td>{formatDateTime(event.timestamp)}</Table.Td>
                <Table.Td>
                  <Code>{JSON.stringify(event.properties)}</Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Th w="40%">{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
}

function CustomAttributes({ custom }: { custom: Record<string, unknown> }) {
  const sources = CUSTOM_SOURCES.filter((source) => isObject(custom[source]));
  if (sources.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No custom attribute from the SDK, Segment.io, HubSpot or Customer.io.
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {sources.map((source) => (
        <SourceAttributes
          key={source}
          source={source}
          values={custom[source] as Record<string, unknown>}
        />
      ))}
    </SimpleGrid>
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nested attributes flattened to dotted keys (`company.plan`), as the builder names them. */
function flatten(values: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(values).flatMap(([key, value]) =>
    isObject(value) ? flatten(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

function SourceAttributes({
  source,
  values,
}: {
  source: CustomSource;
  values: Record<string, unknown>;
}) {
  const title = CUSTOM_SOURCE_LABELS[source];
  return (
    <div>
      <Text fw={600} size="sm" mb={4}>
        {title}
      </Text>
      <Table aria-label={title}>
        <Table.Tbody>
          {flatten(values).map(([key, value]) => (
            <Row key={key} label={key} value={display(value)} />
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function TagsSection({ userId, tags }: { userId: string; tags: string[] }) {
  const { canWrite } = useSession();
  const edit = useEditTags(userId);
  const [tag, setTag] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    const value = tag.trim();
    if (value === '') return;
    edit.mutate({ add: true, tags: [value] }, { onSuccess: () => setTag('') });
  };
  return (
    <Section title="Tags">
      <Stack gap="sm">
        {tags.length === 0 ? (
          <Text size="sm" c="dimmed">
            No tag.
          </Text>
        ) : (
          <Group gap="xs">
            {tags.map((name) => (
              <Badge
                key={name}
                variant="light"
                rightSection={
                  canWrite ? (
                    <ActionIcon
                      size="xs"
                      variant="transparent"
                      aria-label={`Remove tag ${name}`}
                      onClick={() => edit.mutate({ add: false, tags: [name] })}
                    >
                      <IconX size={12} />
                    </ActionIcon>
                  ) : null
                }
              >
                {name}
              </Badge>
            ))}
          </Group>
        )}
        {canWrite ? (
          <form onSubmit={add}>
            <Group gap="xs" align="flex-end">
              <TextInput
                label="Add tag"
                size="xs"
                maxLength={100}
                value={tag}
                onChange={(event) => setTag(event.currentTarget.value)}
              />
              <Button type="submit" size="xs" loading={edit.isPending}>
                Add
              </Button>
            </Group>
          </form>
        ) : null}
        {edit.isError ? (
          <Alert color="red" role="alert">
            {errorMessage(edit.error)}
          </Alert>
        ) : null}
      </Stack>
    </Section>
  );
}

function ExperienceList({ label, ids }: { label: string; ids: string[] }) {
  const experiences = useExperiences(ids);
  return (
    <Group gap="xs" mb="xs" align="baseline">
      <Text size="sm" fw={500} w={90}>
        {label}
      </Text>
      {ids.length === 0 ? (
        <Text size="sm" c="dimmed">
          none
        </Text>
      ) : (
        ids.map((id, index) => {
          const name = experiences[index]?.data?.name;
          // A deleted experience keeps its id in the user's interactions: shown as the id.
          return name ? (
            <AnchorLink
              key={id}
              to="/experiences/$experienceId"
              params={{ experienceId: id }}
              size="sm"
            >
              {name}
            </AnchorLink>
          ) : (
            <Code key={id} fz="xs">
              {id}
            </Code>
          );
        })
      )}
    </Group>
  );
}

/** An answer token of the profile summary: `["exp_…", "stepId"]` or `["exp_…", "stepId", "value"]`. */
function parseAnswer(
  token: string,
): { experienceId: string; stepId: string; value: string } | null {
  try {
    const parsed: unknown = JSON.parse(token);
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [experienceId, stepId, value] = parsed.map(String);
    return experienceId && stepId && value !== undefined ? { experienceId, stepId, value } : null;
  } catch {
    return null;
  }
}

/** The user's answers, as "Experience · step: answer" (the summary's tokens, readable). */
function AnswerList({ tokens }: { tokens: string[] }) {
  const answers = tokens.flatMap((token) => parseAnswer(token) ?? []);
  const ids = [...new Set(answers.map((answer) => answer.experienceId))];
  const experiences = useExperiences(ids);
  const names = new Map(ids.map((id, index) => [id, experiences[index]?.data?.name ?? id]));
  return (
    <Group gap="xs" mb="xs" align="baseline">
      <Text size="sm" fw={500} w={90}>
        Answered
      </Text>
      {answers.length === 0 ? (
        <Text size="sm" c="dimmed">
          none
        </Text>
      ) : (
        <Stack gap={2}>
          {answers.map((answer) => (
            <Text size="sm" key={`${answer.experienceId}:${answer.stepId}:${answer.value}`}>
              {names.get(answer.experienceId)} · {answer.stepId}: {answer.value}
            </Text>
          ))}
        </Stack>
      )}
    </Group>
  );
}

function SegmentsSection({ profile }: { profile: UserProfile }) {
  const [why, setWhy] = useState<{ id: string; name: string } | null>(null);
  const explanation = useMembershipExplanation(why?.id ?? null, profile.userId);
  const segmentNames = Object.fromEntries(
    (profile.segments ?? []).map((segment) => [segment.id, segment.name]),
  );
  return (
    <Section title="Segments">
      {profile.segmentsError ? (
        <Alert color="yellow">The segments of this user are unavailable right now.</Alert>
      ) : (profile.segments ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          In no segment.
        </Text>
      ) : (
        <List spacing="xs" size="sm" aria-label="Segments of this user">
          {(profile.segments ?? []).map((segment) => (
            <List.Item key={segment.id}>
              <Group gap="xs">
                <AnchorLink to="/segments/$segmentId" params={{ segmentId: segment.id }} size="sm">
                  {segment.name}
                </AnchorLink>
                <Button
                  size="compact-xs"
                  variant="light"
                  aria-label={`Why in ${segment.name}`}
                  onClick={() => setWhy(segment)}
                >
                  Why
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <Modal
        opened={why !== null}
        onClose={() => setWhy(null)}
        title={`Why ${profile.name ?? profile.userId} is in ${why?.name ?? ''}`}
        size="lg"
      >
        {explanation.isPending ? (
          <PageLoader label="Loading the explanation" />
        ) : explanation.isError ? (
          <QueryError title="The explanation could not be loaded" error={explanation.error} />
        ) : (
          <Stack gap="sm">
            {explanation.data.nextChangeAt ? (
              <Alert color="blue" variant="light" title="Until when">
                {membershipForecast(
                  explanation.data.member,
                  explanation.data.nextChangeAt,
                  explanation.data.explanation,
                  { segments: segmentNames },
                )}
              </Alert>
            ) : (
              <Text size="sm" c="dimmed">
                Time alone does not change this membership: only new data can.
              </Text>
            )}
            <ExplanationTree
              node={explanation.data.explanation}
              names={{ segments: segmentNames }}
            />
          </Stack>
        )}
      </Modal>
    </Section>
  );
}
