import { Alert, Button, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from '../../../api/client';
import { formatDateTime } from '../../../app/format';
import { QueryError } from '../../../app/route-states';
import { useRenameWorkspace, useWorkspace } from '../hooks/use-workspace-settings';
import { Section } from './section';

/** Settings → Workspace: the name (admins rename it), the id and when it was made. */
export function WorkspaceSection({ isAdmin }: { isAdmin: boolean }) {
  const workspace = useWorkspace();
  return (
    <Section
      title="Workspace"
      description="The workspace holds your users, segments, experiences and integrations."
    >
      {workspace.isPending ? (
        <Skeleton height={60} aria-label="Loading the workspace" />
      ) : workspace.isError ? (
        <QueryError
          title="The workspace could not be loaded"
          error={workspace.error}
          onRetry={() => void workspace.refetch()}
        />
      ) : (
        <Stack gap="md">
          {isAdmin ? (
            <RenameForm name={workspace.data.name} />
          ) : (
            <TextInput label="Name" value={workspace.data.name} readOnly />
          )}
          <Group gap="xl">
            <Text size="sm" c="dimmed">
              Workspace id{' '}
              <Text span ff="monospace" c="dark">
                {workspace.data.id}
              </Text>
            </Text>
            <Text size="sm" c="dimmed">
              Created {formatDateTime(workspace.data.createdAt)}
            </Text>
          </Group>
        </Stack>
      )}
    </Section>
  );
}

function RenameForm({ name: saved }: { name: string }) {
  const rename = useRenameWorkspace();
  const [name, setName] = useState(saved);
  const trimmed = name.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate(trimmed);
  };
  const nameError =
    rename.error instanceof ApiError
      ? rename.error.details.find((detail) => detail.path === 'body.name')?.message
      : undefined;
  return (
    <form onSubmit={submit} aria-label="Workspace name">
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={200}
            error={nameError ?? (trimmed === '' ? 'A workspace needs a name' : undefined)}
            w={360}
          />
          <Button
            type="submit"
            loading={rename.isPending}
            disabled={trimmed === '' || trimmed === saved}
          >
            Save
          </Button>
        </Group>
        {rename.isSuccess && trimmed === saved ? (
          <Text size="sm" c="teal" role="status">
            Saved
          </Text>
        ) : null}
        {rename.isError && !nameError ? (
          <Alert color="red" role="alert" title="The name was not saved">
            {errorMessage(rename.error)}
          </Alert>
        ) : null}
      </Stack>
    </form>
  );
}
