import {
  Badge,
  Checkbox,
  Group,
  Paper,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { SegmentListItem } from '../../../api/paths';
import { formatNumber } from '../../../app/format';
import { useSegmentCount } from '../../segments/hooks/use-segments';
import { addsText } from './audience-overlap';

/**
 * Specific users: search the segments and tick any number of them; each shows its size, and
 * a selected one what it adds on its own (`adds`, when given: users in no other selected
 * segment).
 */
export function SegmentPicker({
  segments,
  selected,
  onChange,
  readOnly,
  adds,
}: {
  segments: SegmentListItem[];
  selected: readonly string[];
  onChange: (segmentIds: string[]) => void;
  readOnly: boolean;
  adds?: ReadonlyMap<string, number>;
}) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const shown = segments.filter(
    (segment) =>
      needle === '' ||
      segment.name.toLowerCase().includes(needle) ||
      (segment.description ?? '').toLowerCase().includes(needle),
  );
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((other) => other !== id));
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label="Segment picker">
      <Stack gap="xs">
        <Group justify="space-between">
          <TextInput
            flex={1}
            aria-label="Search segments"
            placeholder="Search segments"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <Badge variant="light" size="lg" radius="sm">
            {selected.length} selected
          </Badge>
        </Group>
        <ScrollArea.Autosize mah={300} type="auto">
          <Stack gap={0} role="list" aria-label="Segments">
            {segments.length === 0 ? (
              <Text size="sm" c="dimmed" p="sm">
                No segment yet: create one in Users &amp; Segments first.
              </Text>
            ) : shown.length === 0 ? (
              <Text size="sm" c="dimmed" p="sm">
                No segment matches “{search.trim()}”.
              </Text>
            ) : (
              shown.map((segment) => (
                <SegmentOption
                  key={segment.id}
                  segment={segment}
                  checked={selected.includes(segment.id)}
                  adds={selected.includes(segment.id) ? adds?.get(segment.id) : undefined}
                  readOnly={readOnly}
                  onToggle={(on) => toggle(segment.id, on)}
                />
              ))
            )}
          </Stack>
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  );
}

function SegmentOption({
  segment,
  checked,
  adds,
  readOnly,
  onToggle,
}: {
  segment: SegmentListItem;
  checked: boolean;
  adds?: number;
  readOnly: boolean;
  onToggle: (on: boolean) => void;
}) {
  return (
    <Group
      role="listitem"
      justify="space-between"
      wrap="nowrap"
      px="sm"
      py={8}
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        background: checked ? 'var(--mantine-color-indigo-0)' : undefined,
      }}
    >
      <Checkbox
        label={segment.name}
        description={segment.description || undefined}
        checked={checked}
        disabled={readOnly}
        onChange={(event) => onToggle(event.currentTarget.checked)}
      />
      <Stack gap={0} align="flex-end">
        <SegmentSize segmentId={segment.id} />
        {adds !== undefined ? (
          <Text size="xs" c="indigo" style={{ whiteSpace: 'nowrap' }}>
            {addsText(adds)}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}

/** A segment's size from the membership read model (`GET /v1/segments/:id/count`). */
export function SegmentSize({ segmentId }: { segmentId: string }) {
  const count = useSegmentCount(segmentId);
  if (count.isPending) return <Skeleton height={12} width={48} aria-label="Counting" />;
  if (count.isError) {
    return (
      <Text size="xs" c="red" title={count.error.message}>
        size unavailable
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
      {formatNumber(count.data.count)} {count.data.count === 1 ? 'user' : 'users'}
    </Text>
  );
}
