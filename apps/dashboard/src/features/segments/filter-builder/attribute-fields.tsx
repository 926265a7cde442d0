import { NativeSelect } from '@mantine/core';
import type { AttributeCondition, NativeAttribute } from '@seg/segment-engine';
import { NATIVE_ATTRIBUTE_TYPES, NATIVE_ATTRIBUTES } from '@seg/segment-engine';
import { nativeEntry } from './attribute-freshness';
import type { FilterCatalog } from './filter-catalog';
import { FreshnessNote } from './freshness-note';
import { NATIVE_ATTRIBUTE_LABELS } from './labels';
import { OperatorValueFields } from './operator-value-fields';
import { defaultValue, firstOperator } from './operator-values';

interface AttributeFieldsProps {
  condition: AttributeCondition;
  catalog: FilterCatalog;
  onChange: (condition: AttributeCondition) => void;
}

export function AttributeFields({ condition, catalog, onChange }: AttributeFieldsProps) {
  const type = NATIVE_ATTRIBUTE_TYPES[condition.attribute];
  const entry = nativeEntry(catalog, condition.attribute);
  const samples = entry?.sampleValues;

  const pickAttribute = (attribute: NativeAttribute) => {
    const nextType = NATIVE_ATTRIBUTE_TYPES[attribute];
    if (nextType === type) return onChange({ ...condition, attribute });
    const operator = firstOperator(nextType);
    const value = defaultValue(nextType, operator);
    onChange({
      type: 'attribute',
      attribute,
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
        value={condition.attribute}
        data={NATIVE_ATTRIBUTES.map((a) => ({ value: a, label: NATIVE_ATTRIBUTE_LABELS[a] }))}
        onChange={(event) => pickAttribute(event.currentTarget.value as NativeAttribute)}
      />
      <OperatorValueFields
        type={type}
        operator={condition.operator}
        value={condition.value}
        sampleValues={samples}
        onChange={({ operator, value }) => {
          const { value: _previous, ...rest } = condition;
          onChange(value === undefined ? { ...rest, operator } : { ...rest, operator, value });
        }}
      />
    </>
  );
}
