import { Badge, Group, List, Text } from '@mantine/core';

/**
 * The segment engine's explanation (ExplainNode): each group and condition of the rules with
 * its result, and the user's value or event count it was decided on.
 */
export function ExplanationTree({ node }: { node: Record<string, unknown> }) {
  const result = node.result === true;
  const badge = (
    <Badge color={result ? 'teal' : 'gray'} variant="light" size="sm">
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
              <ExplanationTree node={(child ?? {}) as Record<string, unknown>} />
            </List.Item>
          ))}
        </List>
      </div>
    );
  }
  const detail =
    'count' in node
      ? `counted ${String(node.count)} times`
      : 'actual' in node
        ? `value: ${node.actual === undefined ? 'not set' : JSON.stringify(node.actual)}`
        : '';
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      {badge}
      <Text size="sm">
        <code>{JSON.stringify(node.condition ?? node)}</code>
        {detail ? ` — ${detail}` : null}
      </Text>
    </Group>
  );
}
