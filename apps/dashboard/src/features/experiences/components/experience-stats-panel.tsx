import { Group, Loader, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { formatNumber } from '../../../app/format';
import { QueryError } from '../../../app/route-states';
import { useExperienceStats } from '../hooks/use-experiences';

const percent = (part: number, whole: number) =>
  whole === 0 ? undefined : `${Math.round((part / whole) * 100)}%`;

/** Results: users who saw, completed and answered; per question, the spread of answers. */
export function ExperienceStatsPanel({ experienceId }: { experienceId: string }) {
  const stats = useExperienceStats(experienceId);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label="Results">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Results
          </Title>
          {stats.isFetching ? <Loader size="xs" aria-label="Loading results" /> : null}
        </Group>
        {stats.isPending ? (
          <Text size="sm" c="dimmed">
            Loading results…
          </Text>
        ) : stats.isError ? (
          <QueryError
            title="The results could not be loaded"
            error={stats.error}
            onRetry={() => void stats.refetch()}
          />
        ) : (
          <>
            <SimpleGrid cols={3} spacing="sm">
              <Figure label="Saw it" value={stats.data.users.seen} />
              <Figure
                label="Completed"
                value={stats.data.users.completed}
                share={percent(stats.data.users.completed, stats.data.users.seen)}
              />
              <Figure
                label="Answered"
                value={stats.data.users.answered}
                share={percent(stats.data.users.answered, stats.data.users.seen)}
              />
            </SimpleGrid>
            {stats.data.users.seen === 0 ? (
              <Text size="sm" c="dimmed">
                Nobody has seen it yet. Figures appear here as users see, complete and answer it.
              </Text>
            ) : null}
            {stats.data.questions.map((question) => (
              <Stack
                key={question.stepId}
                gap={8}
                component="section"
                aria-label={`Answers to ${question.question}`}
              >
                <Group justify="space-between" align="baseline">
                  <Text fw={600}>{question.question}</Text>
                  <Text size="sm" c="dimmed">
                    {formatNumber(question.answered)}{' '}
                    {question.answered === 1 ? 'answer' : 'answers'}
                  </Text>
                </Group>
                {question.answers.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No answer yet.
                  </Text>
                ) : (
                  <Stack gap={6} role="list" aria-label={`Distribution of ${question.question}`}>
                    {question.answers.map((answer) => (
                      <div key={answer.value} role="listitem">
                        <Group justify="space-between" gap="xs">
                          <Text size="sm">{answer.value}</Text>
                          <Text size="sm" c="dimmed">
                            {formatNumber(answer.users)} ·{' '}
                            {percent(answer.users, question.answered) ?? '0%'}
                          </Text>
                        </Group>
                        <Progress
                          value={
                            question.answered === 0 ? 0 : (answer.users / question.answered) * 100
                          }
                          size="md"
                          radius="sm"
                          aria-label={`${answer.value}: ${answer.users} of ${question.answered}`}
                        />
                      </div>
                    ))}
                  </Stack>
                )}
              </Stack>
            ))}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value, share }: { label: string; value: number; share?: string }) {
  return (
    <Paper radius="md" p="md" bg="gray.0" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Group gap={6} align="baseline">
        <Text fz={26} fw={700}>
          {formatNumber(value)}
        </Text>
        {share ? (
          <Text size="sm" c="dimmed">
            {share} of those who saw it
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {value === 1 ? 'user' : 'users'}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
