import { Badge, Group, Paper, Skeleton, Text } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import type { SegmentForecast } from '../../../api/paths';
import { formatNumber } from '../../../app/format';

const people = (n: number, one: string, many: string) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;

function windowSentence(label: string, figures: { leave: number; join: number }): string {
  return `${label}: ${people(figures.leave, 'member leaves', 'members leave')}, ${people(figures.join, 'user joins', 'users join')}`;
}

/**
 * What time alone does to a saved segment (relative windows sliding, no new data): members
 * leaving and users joining in the next 24 hours and 7 days.
 */
export function SegmentForecastCard({
  forecast,
  loading,
}: {
  forecast: SegmentForecast | undefined;
  loading: boolean;
}) {
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-label="Forecast by time alone">
      <Group gap="xs" mb={4}>
        <IconClockHour4 size={18} aria-hidden />
        <Text fw={600} size="sm">
          By time alone
        </Text>
        {forecast && !forecast.exact ? (
          <Badge size="sm" variant="light" color="yellow">
            estimate
          </Badge>
        ) : null}
      </Group>
      {loading || !forecast ? (
        <Skeleton height={18} aria-label="Loading the forecast" />
      ) : !forecast.timeDependent ? (
        <Text size="sm" c="dimmed">
          No filter of this segment uses a relative time window: only new data changes who is in it.
        </Text>
      ) : (
        <>
          <Text size="sm">{windowSentence('Next 24 hours', forecast.next24h)}.</Text>
          <Text size="sm">{windowSentence('Next 7 days', forecast.next7d)}.</Text>
          <Text size="xs" c="dimmed" mt={4}>
            As relative windows slide, with no new data.
            {forecast.exact
              ? ''
              : ` Estimated from ${formatNumber(forecast.evaluated)} of ${formatNumber(forecast.candidates)} users whose membership can change.`}
          </Text>
        </>
      )}
    </Paper>
  );
}
