import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { formatNumber } from '../../../app/format';
import { useReach } from '../hooks/use-audience';

/**
 * Asked before an experience goes out to All users: publishing it so, or saving All users on
 * a published one. Says how many users that is.
 */
export function ConfirmAllUsersDialog({
  opened,
  action,
  pending,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  action: 'publish' | 'save';
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const reach = useReach('all', opened);
  const everyone = reach.data
    ? `${reach.data.exact ? '' : 'about '}${formatNumber(reach.data.count)} users`
    : 'every user';
  return (
    <Modal opened={opened} onClose={onClose} title="Show to all users?" centered>
      <Stack>
        <Alert color="orange" icon={<IconWorld />} variant="light">
          {action === 'publish'
            ? `Publishing targets every user of the workspace (${everyone}), now and as they join.`
            : `This experience is published: saving shows it to every user of the workspace (${everyone}) at once.`}
        </Alert>
        <Text size="sm" c="dimmed">
          To reach fewer people, choose Specific users and select segments instead.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="orange" loading={pending} onClick={onConfirm}>
            {action === 'publish' ? 'Publish to all users' : 'Save for all users'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
