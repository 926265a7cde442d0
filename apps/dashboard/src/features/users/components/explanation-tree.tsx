import { Badge, Group, List, Text } from '@mantine/core';
import type { Condition } from '@seg/segment-engine';
import { formatDateTime } from '../../../app/format';
import { describeCondition, type RuleNames } from './describe-condition';

function detailOf(node: Record<string, unknown>): string {
  if ('count' in node) return `counted ${String(node.count)}`;
  if (!('actual' in node)) return '';
  const actual = node.actual;
  if (actual === undefined || actual === null) return 'not set';
  if (typeof actual === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(actual)) {
    return `value ${formatDateTime(actual)}`;
  }
  return `value ${Array.isArray(actual) ? actual.join(', ') : String(actual)}`;
}

/**
 * The segment engine's explanation (ExplainNode): each group and condition of the rules as a
 * sentence with its result, the user's value or event count it was decided on, and for a
 * time-relative condition when its result changes with no new data.
 */
export function ExplanationTree({
  node,
  names,
}: {
  node: Record<string, unknown>;
  names?: RuleNames;
}) {
  const result = node.result === true;
  const badge = (
    <Badge color={result ? 'teal' : 'gray'} variant="light" size="sm" style={{ flexShrink: 0 }}>
      {result ? 'true' : 'false'}
    </Badge>
  );
  if (node.type === 'group' && Array.isArray(node.conditions)) {
    return (
      <div>
        <Group gap="xs">
          {badge}
          <Text size="sm" fw={500}>
            {node.operator === 'or' ? 'Any of' : 'All of'}
          </Text>
        </Group>
        <List size="sm" ml="md" mt={4} spacing={4} listStyleType="none">
          {node.conditions.map((child, index) => (
            <List.Item key={index}>
              <ExplanationTree node={(child ?? {}) as Record<string, unknown>} names={names} />
            </List.Item>
          ))}
        </List>
      </div>
    );
  }
  const condition = node.condition as Condition | undefined;
  const detail = detailOf(node);
  const changesAt = typeof node.changesAt === 'string' ? node.changesAt : null;
  return (
    <div>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        {badge}
        <Text size="sm">
          {condition ? describeCondition(condition, names) : 'Unknown condition'}
          {detail ? (
            <Text span size="sm" c="dimmed">
              {` — ${detail}`}
            </Text>
          ) : null}
          {changesAt ? (
            <Text span size="sm" c="dimmed">
              {` · turns ${result ? 'false' : 'true'} on ${formatDateTime(changesAt)}`}
            </Text>
          ) : null}
        </Text>
      </Group>
      {node.type === 'segment' && node.rules && typeof node.rules === 'object' ? (
        <List size="sm" ml="md" mt={4} listStyleType="none">
          <List.Item>
            <ExplanationTree node={node.rules as Record<string, unknown>} names={names} />
          </List.Item>
        </List>
      ) : null}
    </div>
  );
}
