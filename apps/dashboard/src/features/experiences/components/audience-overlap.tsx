import { Alert, Group, List, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { AudienceOverlap } from '../../../api/paths';
import { formatNumber } from '../../../app/format';

const users = (n: number) => `${formatNumber(n)} ${n === 1 ? 'user' : 'users'}`;
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** "Onboarding tour — 830 users (42%)": one other published experience's overlap. */
export function overlapText(experience: AudienceOverlap['experiences'][number]): string {
  return `${experience.name} — ${users(experience.overlap)} (${percent(experience.share)})`;
}

/** "adds 1,240 on its own": the users only this selected segment brings. */
export function addsText(adds: number): string {
  return `adds ${formatNumber(adds)} on its own`;
}

/**
 * The Audience step's overlap with the other published experiences (only those it shares
 * users with, largest first), and a note when the figures are estimates because a segment is
 * being recomputed. Renders what it is given; `useAudienceOverlap` fetches.
 */
export function AudienceOverlapPanel({
  overlap,
  loading,
  error,
}: {
  overlap: AudienceOverlap | undefined;
  loading: boolean;
  error: string | undefined;
}) {
  if (error !== undefined) {
    return (
      <Text size="sm" c="red" role="alert">
        The overlap could not be counted: {error}
      </Text>
    );
  }
  if (!overlap || overlap.status === 'counting') {
    // `counting`: the memberships are still being read (a large workspace's first question).
    return loading || overlap ? (
      <Group gap={6}>
        <Loader size="xs" aria-label="Counting the overlap" />
        <Text size="sm" c="dimmed">
          Counting the overlap…
        </Text>
      </Group>
    ) : null;
  }
  const shared = overlap.experiences.filter((experience) => experience.overlap > 0);
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label="Overlap with other experiences"
    >
      <Stack gap="xs">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Overlaps with
        </Text>
        {shared.length === 0 ? (
          <Text size="sm" c="dimmed">
            {overlap.experiences.length === 0
              ? 'No other published experience.'
              : 'No other published experience reaches these users.'}
          </Text>
        ) : (
          <List size="sm" spacing={4} aria-label="Overlaps with">
            {shared.map((experience) => (
              <List.Item key={experience.id}>{overlapText(experience)}</List.Item>
            ))}
          </List>
        )}
        {overlap.estimated ? (
          <Alert color="yellow" icon={<IconInfoCircle />} p="xs" role="status">
            Estimated: {overlap.pending.length === 1 ? 'a segment is' : 'segments are'} being
            recomputed
            {overlap.progress !== undefined ? ` (${percent(overlap.progress)} done)` : ''}; the
            figures update when it finishes.
          </Alert>
        ) : null}
        <Text size="xs" c="dimmed">
          Of {users(overlap.total)} in this audience, from the segments’ memberships.
        </Text>
      </Stack>
    </Paper>
  );
}
