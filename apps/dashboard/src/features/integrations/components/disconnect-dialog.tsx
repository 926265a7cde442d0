import { Text } from '@mantine/core';
import { ConfirmDialog } from '../../../app/confirm-dialog';
import { useDisconnect } from '../hooks/use-integrations';
import { type IntegrationProvider, isSyncProvider, providerName } from '../providers';

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
    <ConfirmDialog
      opened={opened}
      title={`Disconnect ${name}?`}
      confirmLabel="Disconnect"
      onConfirm={() => disconnect.mutate(undefined, { onSuccess: close })}
      onCancel={close}
      pending={disconnect.isPending}
      error={disconnect.error}
      errorTitle={`${name} was not disconnected`}
    >
      <Text size="sm">
        {isSyncProvider(provider)
          ? `Scheduled syncs stop and the stored credentials are deleted.`
          : `Deliveries to the webhook are refused from now on and the shared secret is deleted.`}{' '}
        Attributes already synced from {name} stay on your users and in the segments that use them.
      </Text>
    </ConfirmDialog>
  );
}
