import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { MODAL_STYLES } from './modal-styles';

export interface ConfirmBodyProps {
  /** What happens when confirmed (what stops, what stays). */
  children: ReactNode;
  /** The confirm button's words; `null` offers only Cancel (the action is not possible now). */
  confirmLabel: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  pending: boolean;
  /** The failed attempt's error, shown under `errorTitle` ("The key was not rotated"). */
  error: unknown;
  errorTitle: string;
}

/** A destructive action's confirmation: what it does, the error of a failed try, Cancel/confirm. */
export function ConfirmBody({
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  pending,
  error,
  errorTitle,
}: ConfirmBodyProps) {
  return (
    <Stack>
      {children}
      {error ? (
        <Alert color="red" role="alert" title={errorTitle}>
          {errorMessage(error)}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        {confirmLabel !== null ? (
          <Button color="red" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}

/** ConfirmBody in its dialog; Escape, the close button and Cancel all call `onCancel`. */
export function ConfirmDialog({
  opened,
  title,
  ...body
}: ConfirmBodyProps & { opened: boolean; title: string }) {
  return (
    <Modal styles={MODAL_STYLES} opened={opened} onClose={body.onCancel} title={title}>
      <ConfirmBody {...body} />
    </Modal>
  );
}
