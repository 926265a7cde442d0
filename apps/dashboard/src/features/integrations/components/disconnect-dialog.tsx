import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { errorMessage } from '../../../api/client';
import { useDisconnect } from '../hooks/use-integrations';
import { type IntegrationProvider, isSyncProvider, providerName } from '../providers';
import { MODAL_STYLES } from '../../../app/modal-styles';

/** Disconnect asks first, and says what stays (synced attributes) and what stops. */
export function DisconnectDialog({
  provider,
  opened,
  onClose,
}: {
  provider: IntegrationProvider;
  opened: boolean;
  onClose: () => void;
}) {
  const disconnect = useDisconnect(provider);
  const name = providerName(provider);
  const close = () => {
    disconnect.reset();
    onClose();
  };
  return (
    <Modal styles={MODAL_STYLES} opened={opened} onClose={close} title={`Disconnect ${name}?`}>
      <Stack>
        <Text size="sm">
          {isSyncProvider(provider)
            ? `Scheduled syncs stop and the stored credentials are deleted.`
            : `Deliveries to the webhook are refused from now on and the shared secret is deleted.`}{' '}
          Attributes already synced from {name} stay on your users and in the segments that use
          them.
        </Text>
        {disconnect.isError ? (
          <Alert color="red" role="alert" title={`${name} was not disconnected`}>
            {errorMessage(disconnect.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={disconnect.isPending}
            onClick={() => disconnect.mutate(undefined, { onSuccess: close })}
          >
            Disconnect
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
