import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from '../../../api/client';
import type { Role } from '../../../api/paths';
import { formatDateTime } from '../../../app/format';
import { useCreateInvite } from '../hooks/use-team';
import { CopyField } from './copy-field';
import { ROLE_CHOICES } from './roles';
import { MODAL_STYLES } from '../../../app/modal-styles';

/** Invite: email and role, then the one-time link to copy (no mail is sent). */
export function InviteDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const invite = useCreateInvite();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const close = () => {
    invite.reset();
    setEmail('');
    setRole('editor');
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email: email.trim(), role });
  };
  const emailError =
    invite.error instanceof ApiError
      ? invite.error.details.find((detail) => detail.path === 'body.email')?.message
      : undefined;
  return (
    <Modal
      styles={MODAL_STYLES}
      opened={opened}
      onClose={close}
      title={invite.isSuccess ? 'Invite link' : 'Invite a team member'}
      size="lg"
    >
      {invite.isSuccess ? (
        <Stack>
          <Text size="sm">
            Send this link to {invite.data.email}: it lets them join as <b>{invite.data.role}</b>,
            once, until {formatDateTime(invite.data.expiresAt)}. No mail is sent, and the link is
            shown only now.
          </Text>
          <CopyField label="Invite link" value={invite.data.url} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} aria-label="Invite">
          <Stack>
            <TextInput
              label="Email"
              type="email"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={emailError}
              data-autofocus
            />
            <NativeSelect
              label="Role"
              value={role}
              onChange={(event) => setRole(event.currentTarget.value as Role)}
              data={ROLE_CHOICES}
              description={ROLE_CHOICES.find((choice) => choice.value === role)?.description}
            />
            {invite.isError && !emailError ? (
              <Alert color="red" role="alert" title="No invite was made">
                {errorMessage(invite.error)}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending} disabled={email.trim() === ''}>
                Create invite link
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
