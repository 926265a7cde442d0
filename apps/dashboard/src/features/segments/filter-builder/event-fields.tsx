import { ActionIcon, Button, Group, NativeSelect, Paper, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import type {
  EventCondition,
  EventSource,
  OccurrenceOperator,
  Period,
  PropertyFilter,
  ValueType,
} from '@seg/segment-engine';
import { EVENT_SOURCES, inferValueType, OPERATORS_BY_TYPE } from '@seg/segment-engine';
import type { FilterCatalog } from './filter-catalog';
import { EVENT_SOURCE_LABELS, OCCURRENCE_LABELS, VALUE_TYPE_LABELS } from './labels';
import {
  DateValueInput,
  NumberValueInput,
  OperatorValueFields,
  WindowInputs,
} from './operator-value-fields';
import { DEFAULT_WINDOW, defaultValue, firstOperator, todayIsoDate } from './operator-values';

interface EventFieldsProps {
  condition: EventCondition;
  catalog: FilterCatalog;
  onChange: (condition: EventCondition) => void;
}

const optionValue = (source: EventSource, name: string) => `${source}:${name}`;
const OCCURRENCES = Object.keys(OCCURRENCE_LABELS) as OccurrenceOperator[];
const VALUE_TYPES = Object.keys(OPERATORS_BY_TYPE) as ValueType[];
const COUNTED: ReadonlySet<OccurrenceOperator> = new Set(['atLeast', 'atMost', 'exactly']);

type PeriodChoice = Period['type'] | 'allTime';
const PERIOD_LABELS: Record<PeriodChoice, string> = {
  allTime: 'at any time',
  last: 'in the last',
  between: 'between',
  before: 'before',
  after: 'after',
};

function defaultPeriod(choice: PeriodChoice): Period | undefined {
  const today = todayIsoDate();
  switch (choice) {
    case 'allTime':
      return undefined;
    case 'last':
      return { type: 'last', ...DEFAULT_WINDOW };
    case 'between':
      return { type: 'between', from: today, to: today };
    case 'before':
      return { type: 'before', date: today };
    case 'after':
      return { type: 'after', date: today };
  }
}

/** A copy of `condition` with `key` set, or removed when `value` is undefined (its default). */
function withOptional<K extends 'occurrence' | 'period' | 'properties'>(
  condition: EventCondition,
  key: K,
  value: EventCondition[K] | undefined,
): EventCondition {
  const next: EventCondition = { ...condition, [key]: value };
  if (value === undefined) delete next[key];
  return next;
}

export function EventFields({ condition, catalog, onChange }: EventFieldsProps) {
  const known = catalog.events.some(
    (e) => e.source === condition.source && e.name === condition.name,
  );
  const events = known
    ? catalog.events
    : [...catalog.events, { source: condition.source, name: condition.name }];
  const groups = EVENT_SOURCES.map((source) => ({
    group: EVENT_SOURCE_LABELS[source],
    items: events
      .filter((e) => e.source === source)
      .map((e) => ({ value: optionValue(e.source, e.name), label: e.name })),
  })).filter((group) => group.items.length > 0);

  const occurrence = condition.occurrence ?? { operator: 'occurred' };
  const periodChoice: PeriodChoice = condition.period?.type ?? 'allTime';
  const properties = condition.properties ?? [];

  const pickEvent = (selected: string) => {
    const picked = events.find((e) => optionValue(e.source, e.name) === selected);
    if (picked) onChange({ ...condition, source: picked.source, name: picked.name });
  };
  const pickOccurrence = (operator: OccurrenceOperator) =>
    onChange(
      withOptional(
        condition,
        'occurrence',
        COUNTED.has(operator) ? { operator, count: occurrence.count ?? 1 } : { operator },
      ),
    );
  const setProperties = (next: PropertyFilter[]) =>
    onChange(withOptional(condition, 'properties', next.length > 0 ? next : undefined));

  return (
    <Stack gap="xs" style={{ flex: 1 }}>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label="Event"
          value={optionValue(condition.source, condition.name)}
          data={groups}
          onChange={(event) => pickEvent(event.currentTarget.value)}
        />
        <NativeSelect
          label="Occurrence"
          value={occurrence.operator}
          data={OCCURRENCES.map((op) => ({ value: op, label: OCCURRENCE_LABELS[op] }))}
          onChange={(event) => pickOccurrence(event.currentTarget.value as OccurrenceOperator)}
        />
        {COUNTED.has(occurrence.operator) && (
          <NumberValueInput
            label="Times"
            value={occurrence.count}
            min={0}
            onChange={(count) =>
              onChange({ ...condition, occurrence: { operator: occurrence.operator, count } })
            }
          />
        )}
        <NativeSelect
          label="Period"
          value={periodChoice}
          data={(Object.keys(PERIOD_LABELS) as PeriodChoice[]).map((choice) => ({
            value: choice,
            label: PERIOD_LABELS[choice],
          }))}
          onChange={(event) =>
            onChange(
              withOptional(
                condition,
                'period',
                defaultPeriod(event.currentTarget.value as PeriodChoice),
              ),
            )
          }
        />
        {condition.period && (
          <PeriodInputs
            period={condition.period}
            onChange={(period) => onChange({ ...condition, period })}
          />
        )}
      </Group>
      {properties.map((property, index) => (
        <PropertyFilterRow
          key={index}
          position={index + 1}
          property={property}
          onChange={(next) => setProperties(properties.map((p, i) => (i === index ? next : p)))}
          onRemove={() => setProperties(properties.filter((_, i) => i !== index))}
        />
      ))}
      <Group>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => setProperties([...properties, { key: '', operator: 'equals', value: '' }])}
        >
          Add property filter
        </Button>
      </Group>
    </Stack>
  );
}

function PeriodInputs({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  switch (period.type) {
    case 'last':
      return (
        <WindowInputs
          window={{ amount: period.amount, unit: period.unit }}
          onChange={(window) => onChange({ type: 'last', ...window })}
        />
      );
    case 'between':
      return (
        <>
          <DateValueInput
            label="From"
            value={period.from}
            onChange={(from) => onChange({ ...period, from })}
          />
          <DateValueInput
            label="To"
            value={period.to}
            onChange={(to) => onChange({ ...period, to })}
          />
        </>
      );
    case 'before':
    case 'after':
      return (
        <DateValueInput
          label="Date"
          value={period.date}
          onChange={(date) => onChange({ ...period, date })}
        />
      );
  }
}

interface PropertyFilterRowProps {
  position: number;
  property: PropertyFilter;
  onChange: (property: PropertyFilter) => void;
  onRemove: () => void;
}

function PropertyFilterRow({ position, property, onChange, onRemove }: PropertyFilterRowProps) {
  // Without an explicit `type` the engine infers it from the operator and value (README).
  const type: ValueType =
    property.type ?? inferValueType(property.operator, property.value) ?? 'string';
  const pickType = (nextType: ValueType) => {
    const operator = firstOperator(nextType);
    const value = defaultValue(nextType, operator);
    onChange({
      key: property.key,
      operator,
      ...(value === undefined ? {} : { value }),
      type: nextType,
    });
  };
  return (
    <Paper
      withBorder
      radius="sm"
      p="xs"
      bg="gray.0"
      role="group"
      aria-label={`Property filter ${position}`}
    >
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Property"
          value={property.key}
          onChange={(event) => onChange({ ...property, key: event.currentTarget.value })}
          w={160}
        />
        <NativeSelect
          label="Property type"
          value={type}
          data={VALUE_TYPES.map((t) => ({ value: t, label: VALUE_TYPE_LABELS[t] }))}
          onChange={(event) => pickType(event.currentTarget.value as ValueType)}
        />
        <OperatorValueFields
          type={type}
          operator={property.operator}
          value={property.value}
          onChange={({ operator, value }) => {
            const { value: _previous, ...rest } = property;
            onChange(value === undefined ? { ...rest, operator } : { ...rest, operator, value });
          }}
        />
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Remove property filter ${position}`}
          onClick={onRemove}
          mb={4}
        >
          <IconX size={16} />
        </ActionIcon>
      </Group>
    </Paper>
  );
}
