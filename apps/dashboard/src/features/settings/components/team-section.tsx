import {
  Alert,
  Avatar,
  Badge,
  Button,
  Group,
  NativeSelect,
  Skeleton,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import type { Role } from '../../../api/paths';
import { formatDateTime } from '../../../app/format';
import { EmptyState, QueryError } from '../../../app/route-states';
import {
  useChangeRole,
  useInvites,
  useMembers,
  useRemoveMember,
  useRevokeInvite,
} from '../hooks/use-team';
import { InviteDialog } from './invite-dialog';
import { ROLE_CHOICES, roleLabel } from './roles';
import { Section } from './section';
import { ConfirmDialog } from '../../../app/confirm-dialog';

type Member = NonNullable<ReturnType<typeof useMembers>['data']>['items'][number];
type Invite = NonNullable<ReturnType<typeof useInvites>['data']>['items'][number];

/** Settings → Team: members and roles; admins change roles, remove, invite and revoke. */
export function TeamSection({ isAdmin, accountId }: { isAdmin: boolean; accountId: string }) {
  const [inviting, setInviting] = useState(false);
  return (
    <Stack gap="lg">
      <Section
        title="Members"
        description="Admins manage keys, the team and integrations; editors change segments, experiences and tags; viewers only read."
        actions={
          isAdmin ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
              Invite
            </Button>
          ) : null
        }
      >
        <MembersTable isAdmin={isAdmin} accountId={accountId} />
      </Section>
      {isAdmin ? (
        <Section
          title="Invites"
          description="Links not used yet. Each works once and expires after 7 days; revoke one to stop it at once."
        >
          <InvitesTable />
        </Section>
      ) : null}
      <InviteDialog opened={inviting} onClose={() => setInviting(false)} />
    </Stack>
  );
}

function MembersTable({ isAdmin, accountId }: { isAdmin: boolean; accountId: string }) {
  const members = useMembers();
  const changeRole = useChangeRole();
  const [removing, setRemoving] = useState<Member | null>(null);
  if (members.isPending) return <Skeleton height={80} aria-label="Loading the members" />;
  if (members.isError) {
    return (
      <QueryError
        title="The members could not be loaded"
        error={members.error}
        onRetry={() => void members.refetch()}
      />
    );
  }
  return (
    <Stack gap="sm">
      {changeRole.isError ? (
        <Alert
          color="red"
          role="alert"
          title="The role was not changed"
          withCloseButton
          onClose={() => changeRole.reset()}
        >
          {errorMessage(changeRole.error)}
        </Alert>
      ) : null}
      <Table verticalSpacing="sm" aria-label="Members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Joined</Table.Th>
            {isAdmin ? (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.data.items.map((member) => (
            <Table.Tr key={member.accountId}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <Avatar name={member.name} color="initials" radius="xl" size="md" />
                  <Stack gap={0}>
                    <Text size="sm" fw={500}>
                      {member.name}
                      {member.accountId === accountId ? (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          (you)
                        </Text>
                      ) : null}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {member.email}
                    </Text>
                  </Stack>
                </Group>
              </Table.Td>
              <Table.Td>
                {isAdmin ? (
                  <NativeSelect
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    data={ROLE_CHOICES.map(({ value, label }) => ({ value, label }))}
                    onChange={(event) =>
                      changeRole.mutate({
                        accountId: member.accountId,
                        role: event.currentTarget.value as Role,
                      })
                    }
                    disabled={changeRole.isPending}
                    w={140}
                    size="xs"
                  />
                ) : (
                  <Badge
                    variant="light"
                    radius="sm"
                    color={member.role === 'admin' ? 'indigo' : 'gray'}
                  >
                    {roleLabel(member.role)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(member.joinedAt)}</Text>
              </Table.Td>
              {isAdmin ? (
                <Table.Td ta="right">
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    onClick={() => setRemoving(member)}
                    aria-label={`Remove ${member.name}`}
                  >
                    Remove
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <RemoveMemberDialog member={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}

function RemoveMemberDialog({
  member: asked,
  onClose,
}: {
  member: Member | null;
  onClose: () => void;
}) {
  const [member, setMember] = useState(asked);
  if (asked !== null && asked !== member) setMember(asked);
  const remove = useRemoveMember();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      opened={asked !== null}
      title={`Remove ${member?.name ?? ''}?`}
      confirmLabel="Remove member"
      onConfirm={() => member && remove.mutate(member.accountId, { onSuccess: close })}
      onCancel={close}
      pending={remove.isPending}
      error={remove.error}
      errorTitle="The member was not removed"
    >
      <Text size="sm">
        {member?.name} ({member?.email}) loses access to this workspace at once, including open
        sessions. Their account stays, and an admin can invite them again.
      </Text>
    </ConfirmDialog>
  );
}

function InvitesTable() {
  const invites = useInvites(true);
  const revoke = useRevokeInvite();
  const [revoking, setRevoking] = useState<Invite | null>(null);
  if (invites.isPending) return <Skeleton height={60} aria-label="Loading the invites" />;
  if (invites.isError) {
    return (
      <QueryError
        title="The invites could not be loaded"
        error={invites.error}
        onRetry={() => void invites.refetch()}
      />
    );
  }
  if (invites.data.items.length === 0) {
    return (
      <EmptyState title="No open invite">
        Invite creates a link to copy for a new member.
      </EmptyState>
    );
  }
  const close = () => {
    revoke.reset();
    setRevoking(null);
  };
  return (
    <>
      <Table verticalSpacing="sm" aria-label="Invites">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invites.data.items.map((invite) => (
            <Table.Tr key={invite.id}>
              <Table.Td>
                <Text size="sm">{invite.email}</Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" radius="sm" color="gray">
                  {roleLabel(invite.role)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(invite.createdAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(invite.expiresAt)}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  onClick={() => setRevoking(invite)}
                  aria-label={`Revoke the invite for ${invite.email}`}
                >
                  Revoke
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ConfirmDialog
        opened={revoking !== null}
        title="Revoke this invite?"
        confirmLabel="Revoke invite"
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: close })}
        onCancel={close}
        pending={revoke.isPending}
        error={revoke.error}
        errorTitle="The invite was not revoked"
      >
        <Text size="sm">
          The link sent to {revoking?.email} stops working at once. You can invite them again later.
        </Text>
      </ConfirmDialog>
    </>
  );
}
