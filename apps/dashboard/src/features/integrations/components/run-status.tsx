import { Badge } from '@mantine/core';
import type { RunStatus } from '../providers';

const LOOK: Record<RunStatus, { color: string; label: string }> = {
  queued: { color: 'gray', label: 'Queued' },
  running: { color: 'blue', label: 'Running' },
  succeeded: { color: 'teal', label: 'Succeeded' },
  failed: { color: 'red', label: 'Failed' },
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { color, label } = LOOK[status];
  return (
    <Badge color={color} variant="light" radius="sm">
      {label}
    </Badge>
  );
}
