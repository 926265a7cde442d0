import { Badge, Group, Text, Tooltip } from '@mantine/core';
import {
  EMPTIES_EXPLAINED,
  EMPTIES_THE_SEGMENT,
  type FilterCounts,
  matchesLabel,
  runningLabel,
  runningText,
  usersText,
} from './filter-counts';

interface NodeCountProps {
  counts: FilterCounts | undefined;
  /** The node's API path (`rules.conditions[1]`). */
  path: string;
  /** Its position in its group (0-based); the running total shows from the second item on. */
  index: number | null;
}

/** The small count beside a filter or group, its running total, and "Empties the segment". */
export function NodeCount({ counts, path, index }: NodeCountProps) {
  const node = counts?.byPath.get(path);
  if (!counts || !node) return null;
  const empties = counts.emptiedBy === path;
  return (
    <Group gap={6} wrap="nowrap" data-testid="node-count">
      <Text
        size="xs"
        c={node.count === 0 ? 'red.7' : 'dimmed'}
        fw={500}
        aria-label={matchesLabel(node.count, counts.exact)}
        style={{ whiteSpace: 'nowrap' }}
      >
        {usersText(node.count, counts.exact)}
      </Text>
      {index !== null && index > 0 ? (
        <Text
          size="xs"
          c="dimmed"
          aria-label={runningLabel(node.runningTotal, counts.exact)}
          style={{ whiteSpace: 'nowrap' }}
        >
          {runningText(node.runningTotal, counts.exact)}
        </Text>
      ) : null}
      {empties ? (
        <Tooltip label={EMPTIES_EXPLAINED}>
          <Badge color="red" variant="light" size="sm" radius="sm" title={EMPTIES_EXPLAINED}>
            {EMPTIES_THE_SEGMENT}
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
}
