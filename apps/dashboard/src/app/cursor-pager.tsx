import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';

/**
 * Cursor paging as the API does it (`nextCursor`): the cursors of the pages seen so far, so that
 * Previous goes back without the API having to page backwards.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    cursor: cursors[cursors.length - 1] ?? null,
    pageNumber: cursors.length,
    next: (cursor: string) => setCursors((seen) => [...seen, cursor]),
    previous: () => setCursors((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen)),
    reset: () => setCursors([null]),
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

export function CursorPager({
  pages,
  nextCursor,
  label,
}: {
  pages: CursorPages;
  nextCursor: string | null;
  label: string;
}) {
  if (pages.pageNumber === 1 && nextCursor === null) return null;
  return (
    <Group justify="flex-end" gap="sm" role="navigation" aria-label={label}>
      <Text size="sm" c="dimmed">
        Page {pages.pageNumber}
      </Text>
      <Button
        variant="default"
        size="xs"
        disabled={pages.pageNumber === 1}
        onClick={pages.previous}
      >
        Previous
      </Button>
      <Button
        variant="default"
        size="xs"
        disabled={nextCursor === null}
        onClick={() => nextCursor !== null && pages.next(nextCursor)}
      >
        Next
      </Button>
    </Group>
  );
}
