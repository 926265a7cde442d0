import { Badge } from '@mantine/core';

export function StatusBadge({ status }: { status: 'draft' | 'published' }) {
  return status === 'published' ? (
    <Badge color="teal" variant="light" radius="sm">
      Published
    </Badge>
  ) : (
    <Badge color="gray" variant="light" radius="sm">
      Draft
    </Badge>
  );
}
