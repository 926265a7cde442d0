import { NativeSelect } from '@mantine/core';
import type { CustomAttributeCondition, CustomSource } from '@seg/segment-engine';
import { CUSTOM_SOURCES, inferValueType } from '@seg/segment-engine';
import { formatDateTime } from '../../../app/format';
import { customEntry, sourceLastSynced } from './attribute-freshness';
import { customAttributes, type CustomAttributeEntry } from './default-conditions';
import type { FilterCatalog } from './filter-catalog';
import { FreshnessNote } from './freshness-note';
import { CUSTOM_SOURCE_LABELS } from './labels';
import { OperatorValueFields } from './operator-value-fields';
import { defaultValue, firstOperator } from './operator-values';

interface CustomAttributeFieldsProps {
  condition: CustomAttributeCondition;
  catalog: FilterCatalog;
  onChange: (condition: CustomAttributeCondition) => void;
}

const optionValue = (source: CustomSource, key: string) => `${source}:${key}`;

/** The source's group in the list, with its last sync beside it when it is synced. */
function sourceLabel(source: CustomSource, catalog: FilterCatalog): string {
  const syncedAt = sourceLastSynced(source, catalog);
  const label = CUSTOM_SOURCE_LABELS[source];
  return syncedAt ? `${label} · last synced ${formatDateTime(syncedAt)}` : label;
}

export function CustomAttributeFields({
  condition,
  catalog,
  onChange,
}: CustomAttributeFieldsProps) {
  const entries = customAttributes(catalog);
  const current = entries.find((e) => e.source === condition.source && e.key === condition.key);
  // A saved key the catalog does not list (yet) still shows, typed from its operator.
  const choices: CustomAttributeEntry[] = current
    ? entries
    : [
        ...entries,
        {
          source: condition.source,
          key: condition.key,
          type: inferValueType(condition.operator, condition.value) ?? 'string',
          sampleValues: [],
        },
      ];
  const type = (current ?? choices[choices.length - 1]).type;
  const entry = customEntry(catalog, condition.source, condition.key);

  const groups = CUSTOM_SOURCES.map((source) => ({
    group: sourceLabel(source, catalog),
    items: choices
      .filter((e) => e.source === source)
      .map((e) => ({ value: optionValue(e.source, e.key), label: `${e.key} (${e.type})` })),
  })).filter((group) => group.items.length > 0);

  const pick = (selected: string) => {
    const picked = choices.find((e) => optionValue(e.source, e.key) === selected);
    if (!picked) return;
    const { source, key } = picked;
    if (picked.type === type) return onChange({ ...condition, source, key });
    const operator = firstOperator(picked.type);
    const value = defaultValue(picked.type, operator);
    onChange({
      type: 'customAttribute',
      source,
      key,
      operator,
      ...(value === undefined ? {} : { value }),
    });
  };

  return (
    <>
      <NativeSelect
        label="Attribute"
        // Below the input, so the filter's inputs stay in line.
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        description={entry ? <FreshnessNote entry={entry} now={new Date()} /> : undefined}
        value={optionValue(condition.source, condition.key)}
        data={groups}
        onChange={(event) => pick(event.currentTarget.value)}
      />
      <OperatorValueFields
        type={type}
        operator={condition.operator}
        value={condition.value}
        sampleValues={current?.sampleValues}
        onChange={({ operator, value }) => {
          const { value: _previous, ...rest } = condition;
          onChange(value === undefined ? { ...rest, operator } : { ...rest, operator, value });
        }}
      />
    </>
  );
}
