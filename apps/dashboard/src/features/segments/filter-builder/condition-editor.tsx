import { ActionIcon, Box, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import type { Condition } from '@seg/segment-engine';
import { AttributeFields } from './attribute-fields';
import { CustomAttributeFields } from './custom-attribute-fields';
import { defaultCondition } from './default-conditions';
import { fieldOf, type FieldIssue, relatedPositions, type RuleWarning } from './error-paths';
import { EventFields } from './event-fields';
import { ExperienceFields } from './experience-fields';
import type { FilterCatalog } from './filter-catalog';
import type { FilterCounts } from './filter-counts';
import { NodeCount } from './node-count';
import { CATEGORY_LABELS } from './labels';
import { SegmentFields } from './segment-fields';

interface ConditionEditorProps {
  condition: Condition;
  catalog: FilterCatalog;
  /** 1-based position shown to people, e.g. `2.1`. */
  position: string;
  /** The node's path in the API's validation details, e.g. `rules.conditions[1].conditions[0]`. */
  apiPath: string;
  issues: readonly FieldIssue[];
  /** The lint's warnings about this filter (shown in yellow; they never block a save). */
  warnings?: readonly RuleWarning[];
  /** Per-filter counts of the rules: this filter's shows beside it. */
  counts?: FilterCounts;
  /** Its position in its group (0-based), for the running total. */
  index?: number;
  /** Prefix of the API paths, to number the filters a warning also involves. */
  basePath?: string;
  onChange: (condition: Condition) => void;
  onRemove: () => void;
}

const CATEGORIES = Object.keys(CATEGORY_LABELS) as Condition['type'][];

/** One filter: its category, then the fields of that kind of condition. */
export function ConditionEditor(props: ConditionEditorProps) {
  const { condition, catalog, position, apiPath, issues, onChange, onRemove } = props;
  const { warnings = [], basePath = 'rules', counts, index = 0 } = props;
  const empties = counts?.emptiedBy === apiPath;
  const errorId = `${apiPath}-errors`;
  const warningId = `${apiPath}-warnings`;
  const describedBy = [issues.length > 0 ? errorId : '', warnings.length > 0 ? warningId : '']
    .filter(Boolean)
    .join(' ');
  const borderColor =
    issues.length > 0 || empties
      ? 'var(--mantine-color-red-5)'
      : warnings.length > 0
        ? 'var(--mantine-color-yellow-5)'
        : undefined;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      role="group"
      aria-label={`Filter ${position}`}
      aria-describedby={describedBy || undefined}
      style={borderColor ? { borderColor } : undefined}
    >
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <Group align="flex-start" gap="sm" wrap="wrap" style={{ flex: 1 }}>
          <NativeSelect
            label="Category"
            value={condition.type}
            data={CATEGORIES.map((kind) => ({ value: kind, label: CATEGORY_LABELS[kind] }))}
            onChange={(event) =>
              onChange(defaultCondition(event.currentTarget.value as Condition['type'], catalog))
            }
          />
          <KindFields condition={condition} catalog={catalog} onChange={onChange} />
        </Group>
        <Box mt={30}>
          <NodeCount counts={counts} path={apiPath} index={index} />
        </Box>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          mt={22}
          aria-label={`Remove filter ${position}`}
          onClick={onRemove}
        >
          <IconTrash size={18} />
        </ActionIcon>
      </Group>
      {issues.length > 0 && (
        <Stack id={errorId} gap={2} mt="xs">
          {issues.map((issue) => (
            <Text key={issue.path + issue.message} size="sm" c="red.7">
              {fieldOf(issue, apiPath) || 'filter'}: {issue.message}
            </Text>
          ))}
        </Stack>
      )}
      {warnings.length > 0 && (
        <Stack id={warningId} gap={2} mt="xs">
          {warnings.map((warning) => (
            <Group key={warning.code + warning.message} gap={6} wrap="nowrap" align="flex-start">
              <IconAlertTriangle
                size={16}
                color="var(--mantine-color-yellow-7)"
                style={{ flexShrink: 0, marginTop: 2 }}
                aria-hidden
              />
              <Text size="sm" c="yellow.9">
                Warning: {warning.message}
                {relatedPositions(warning, basePath)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function KindFields({
  condition,
  catalog,
  onChange,
}: {
  condition: Condition;
  catalog: FilterCatalog;
  onChange: (condition: Condition) => void;
}) {
  switch (condition.type) {
    case 'attribute':
      return <AttributeFields condition={condition} catalog={catalog} onChange={onChange} />;
    case 'customAttribute':
      return <CustomAttributeFields condition={condition} catalog={catalog} onChange={onChange} />;
    case 'experience':
      return <ExperienceFields condition={condition} catalog={catalog} onChange={onChange} />;
    case 'event':
      return <EventFields condition={condition} catalog={catalog} onChange={onChange} />;
    case 'segment':
      return <SegmentFields condition={condition} catalog={catalog} onChange={onChange} />;
  }
}
