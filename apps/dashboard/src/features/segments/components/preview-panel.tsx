import { Alert, Button, Group, Loader, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { errorMessage } from '../../../api/client';
import { type AppliedFilters, issuesOf, usePreview, usePreviewCount } from '../hooks/use-preview';
import { UserTable } from '../../users/components/user-table';

const numberFormat = new Intl.NumberFormat('en-US');

/** Below the builder: the count and users matching the applied filters (api.md preview). */
export function PreviewPanel({ applied }: { applied: AppliedFilters | null }) {
  const preview = usePreview(applied);
  const first = preview.data?.pages[0];
  const background = usePreviewCount(first && first.exact === false ? first.countId : undefined);

  if (applied === null) {
    return (
      <Paper withBorder radius="md" p="lg" aria-label="Matching users" component="section">
        <Text size="sm" c="dimmed">
          Apply filters to see how many users match and who they are. Applying never saves.
        </Text>
      </Paper>
    );
  }
  const users = preview.data?.pages.flatMap((page) => page.users) ?? [];
  const count = background.data?.exact ? background.data.count : first?.count;
  const exact = first?.exact !== false || background.data?.exact === true;
  const progress = background.data?.scanned ?? first?.scanned ?? 0;

  return (
    <Paper withBorder radius="md" p="lg" aria-label="Matching users" component="section">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Matching users
          </Title>
          {preview.isFetching && !preview.isFetchingNextPage ? (
            <Loader size="sm" aria-label="Applying filters" />
          ) : null}
        </Group>
        {preview.isPending ? (
          <Text size="sm" c="dimmed">
            Counting…
          </Text>
        ) : preview.isError ? (
          <Alert color="red" title="The filters could not be applied" role="alert">
            {errorMessage(preview.error)}
            {issuesOf(preview.error).length > 0 ? ' (see the filters marked above)' : null}
          </Alert>
        ) : (
          <>
            {exact ? (
              <Text fw={600} aria-live="polite" data-testid="preview-count">
                {numberFormat.format(count ?? 0)} {count === 1 ? 'user matches' : 'users match'}
              </Text>
            ) : (
              <Stack gap={4} aria-live="polite">
                <Text fw={600} data-testid="preview-count">
                  About {numberFormat.format(background.data?.count ?? count ?? 0)} users match
                  {first?.interval
                    ? ` (95% between ${numberFormat.format(first.interval[0])} and ${numberFormat.format(first.interval[1])})`
                    : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  An estimate: still counting, {Math.round(progress * 100)}% of users evaluated
                </Text>
                <Progress
                  value={progress * 100}
                  aria-label="Counting progress"
                  size="sm"
                  animated
                />
              </Stack>
            )}
            {users.length === 0 ? (
              <Text size="sm" c="dimmed">
                No user matches these filters.
              </Text>
            ) : (
              <UserTable users={users} label="Users matching the filters" />
            )}
            {preview.hasNextPage ? (
              <Button
                variant="default"
                onClick={() => void preview.fetchNextPage()}
                loading={preview.isFetchingNextPage}
                w="fit-content"
              >
                More users
              </Button>
            ) : null}
          </>
        )}
      </Stack>
    </Paper>
  );
}
