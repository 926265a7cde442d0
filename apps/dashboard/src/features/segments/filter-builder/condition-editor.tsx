import { ActionIcon, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { Condition } from '@seg/segment-engine';
import { AttributeFields } from './attribute-fields';
import { CustomAttributeFields } from './custom-attribute-fields';
import { defaultCondition } from './default-conditions';
import { fieldOf, type FieldIssue } from './error-paths';
import { EventFields } from './event-fields';
import { ExperienceFields } from './experience-fields';
import type { FilterCatalog } from './filter-catalog';
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
  onChange: (condition: Condition) => void;
  onRemove: () => void;
}

const CATEGORIES = Object.keys(CATEGORY_LABELS) as Condition['type'][];

/** One filter: its category, then the fields of that kind of condition. */
export function ConditionEditor(props: ConditionEditorProps) {
  const { condition, catalog, position, apiPath, issues, onChange, onRemove } = props;
  const errorId = `${apiPath}-errors`;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      role="group"
      aria-label={`Filter ${position}`}
      aria-describedby={issues.length > 0 ? errorId : undefined}
      style={issues.length > 0 ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}
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
