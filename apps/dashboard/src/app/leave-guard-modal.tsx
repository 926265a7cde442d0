import { Button, Group, Modal, Stack, Text } from '@mantine/core';

/** What `useBlocker({ withResolver: true })` gives: blocked or not, and the two ways out. */
interface Blocker {
  status: string;
  reset?: () => void;
  proceed?: () => void;
}

/** "Leave without saving?" for an editor with unsaved changes: Stay or Leave. */
export function LeaveGuardModal({ blocker, what }: { blocker: Blocker; what: string }) {
  return (
    <Modal
      opened={blocker.status === 'blocked'}
      onClose={() => blocker.reset?.()}
      title="Leave without saving?"
    >
      <Stack>
        <Text size="sm">Your changes to {what} are not saved.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => blocker.reset?.()}>
            Stay
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            Leave
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
