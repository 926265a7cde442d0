import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmBody } from '../../../app/confirm-dialog';
import { type KeyKind, useRotateKey } from '../hooks/use-workspace-settings';
import { CopyField } from './copy-field';
import { MODAL_STYLES } from '../../../app/modal-styles';

const WHAT_BREAKS: Record<KeyKind, string[]> = {
  secret: [
    'The current secret key stops working at once, on every server: calls made with it are refused (401).',
    'Servers, scripts and integrations that use it must be given the new key.',
    'Your data, segments and experiences are not affected.',
  ],
  public: [
    'The current public key stops working at once: browsers and apps shipping it can no longer send events or read their experiences (401).',
    'Ship the new key in your SDK set-up (and Segment.io write key, if it sends here).',
    'Your data, segments and experiences are not affected.',
  ],
};

/** Rotate's confirmation (what breaks), then the new key, shown this once to copy. */
export function RotateKeyDialog({
  kind: asked,
  onClose,
}: {
  kind: KeyKind | null;
  onClose: () => void;
}) {
  const [kind, setKind] = useState<KeyKind>(asked ?? 'secret');
  if (asked !== null && asked !== kind) setKind(asked);
  const rotate = useRotateKey();
  const close = () => {
    rotate.reset();
    onClose();
  };
  const label = kind === 'secret' ? 'secret key' : 'public key';
  return (
    <Modal
      styles={MODAL_STYLES}
      opened={asked !== null}
      onClose={close}
      title={rotate.isSuccess ? `Your new ${label}` : `Rotate the ${label}?`}
      size="lg"
    >
      {rotate.isSuccess ? (
        <Stack>
          <Alert color="yellow" icon={<IconAlertTriangle />} title="Copy it now">
            This is the only time the new {label} is shown. The old one no longer works.
          </Alert>
          <CopyField label={`New ${label}`} value={rotate.data.key} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <ConfirmBody
          confirmLabel={`Rotate ${label}`}
          onConfirm={() => rotate.mutate(kind)}
          onCancel={close}
          pending={rotate.isPending}
          error={rotate.error}
          errorTitle="The key was not rotated"
        >
          <Text size="sm">What happens when you rotate:</Text>
          <List size="sm" spacing={4}>
            {WHAT_BREAKS[kind].map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </ConfirmBody>
      )}
    </Modal>
  );
}
