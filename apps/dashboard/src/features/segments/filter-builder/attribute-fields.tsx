import { NativeSelect } from '@mantine/core';
import type { AttributeCondition, NativeAttribute } from '@seg/segment-engine';
import { NATIVE_ATTRIBUTE_TYPES, NATIVE_ATTRIBUTES } from '@seg/segment-engine';
import type { FilterCatalog } from './filter-catalog';
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
  const samples = catalog.attributes.find(
    (item) => item.category === 'attribute' && item.key === condition.attribute,
  )?.sampleValues;

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
