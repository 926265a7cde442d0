import { Autocomplete, NativeSelect, NumberInput, TagsInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type {
  Operator,
  OperatorValue,
  RelativeWindow,
  TimeUnit,
  ValueType,
} from '@seg/segment-engine';
import { TIME_UNITS } from '@seg/segment-engine';
import { OPERATOR_LABELS, TIME_UNIT_LABELS } from './labels';
import { DEFAULT_WINDOW, operatorsFor, valueInputKind, withOperator } from './operator-values';

export interface OperatorAndValue {
  operator: Operator;
  value?: OperatorValue;
}

interface OperatorValueFieldsProps extends OperatorAndValue {
  type: ValueType;
  /** A few values seen for this attribute (the catalog's `sampleValues`), offered as choices. */
  sampleValues?: readonly unknown[];
  onChange: (next: OperatorAndValue) => void;
}

/** The operator that fits the value's type, then the input(s) that operator takes. */
export function OperatorValueFields(props: OperatorValueFieldsProps) {
  const { type, operator, value, onChange } = props;
  const offered = operatorsFor(type);
  // A saved rule may carry an operator the type no longer offers: show it, the API names it.
  const operators = offered.includes(operator) ? offered : [operator, ...offered];
  return (
    <>
      <NativeSelect
        label="Operator"
        value={operator}
        data={operators.map((op) => ({ value: op, label: OPERATOR_LABELS[op] }))}
        onChange={(event) =>
          onChange(withOperator(type, { operator, value }, event.currentTarget.value as Operator))
        }
      />
      <ValueInput {...props} />
    </>
  );
}

function sampleStrings(samples: readonly unknown[] | undefined): string[] {
  const flat = (samples ?? []).flatMap((sample) => (Array.isArray(sample) ? sample : [sample]));
  return [...new Set(flat.filter((s) => s !== null && s !== undefined).map(String))];
}

function ValueInput({ type, operator, value, sampleValues, onChange }: OperatorValueFieldsProps) {
  const emit = (next: OperatorValue) => onChange({ operator, value: next });
  switch (valueInputKind(operator)) {
    case 'none':
      return null;
    case 'many':
      return (
        <TagsInput
          label="Values"
          placeholder="Type and press Enter"
          data={sampleStrings(sampleValues)}
          value={Array.isArray(value) ? value.map(String) : []}
          onChange={emit}
          miw={220}
        />
      );
    case 'window':
      return <WindowInputs window={asWindow(value)} onChange={emit} />;
    case 'range': {
      const [from, to] = Array.isArray(value) ? value : [undefined, undefined];
      return type === 'date' ? (
        <>
          <DateValueInput label="From" value={from} onChange={(d) => emit([d, String(to ?? d)])} />
          <DateValueInput label="To" value={to} onChange={(d) => emit([String(from ?? d), d])} />
        </>
      ) : (
        <>
          <NumberValueInput
            label="From"
            value={from}
            onChange={(n) => emit([n, Number(to ?? n)])}
          />
          <NumberValueInput label="To" value={to} onChange={(n) => emit([Number(from ?? n), n])} />
        </>
      );
    }
    case 'single':
      if (type === 'number')
        return <NumberValueInput label="Value" value={value} onChange={emit} />;
      if (type === 'date') return <DateValueInput label="Value" value={value} onChange={emit} />;
      return (
        <Autocomplete
          label="Value"
          data={sampleStrings(sampleValues)}
          value={typeof value === 'string' ? value : ''}
          onChange={emit}
          miw={200}
        />
      );
  }
}

function asWindow(value: OperatorValue | undefined): RelativeWindow {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? value
    : DEFAULT_WINDOW;
}

export function WindowInputs({
  window,
  onChange,
}: {
  window: RelativeWindow;
  onChange: (window: RelativeWindow) => void;
}) {
  return (
    <>
      <NumberValueInput
        label="Amount"
        value={window.amount}
        min={1}
        onChange={(amount) => onChange({ ...window, amount })}
      />
      <TimeUnitSelect value={window.unit} onChange={(unit) => onChange({ ...window, unit })} />
    </>
  );
}

export function TimeUnitSelect({
  value,
  onChange,
}: {
  value: TimeUnit;
  onChange: (unit: TimeUnit) => void;
}) {
  return (
    <NativeSelect
      label="Unit"
      value={value}
      data={TIME_UNITS.map((unit) => ({ value: unit, label: TIME_UNIT_LABELS[unit] }))}
      onChange={(event) => onChange(event.currentTarget.value as TimeUnit)}
    />
  );
}

export function NumberValueInput({
  label,
  value,
  min,
  onChange,
}: {
  label: string;
  value: unknown;
  min?: number;
  onChange: (value: number) => void;
}) {
  return (
    <NumberInput
      label={label}
      value={typeof value === 'number' ? value : ''}
      min={min}
      w={120}
      // An emptied field keeps the last number: the rules never hold a half-typed value.
      onChange={(next) => {
        if (typeof next === 'number') onChange(next);
      }}
    />
  );
}

export function DateValueInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: unknown;
  onChange: (isoDate: string) => void;
}) {
  return (
    <DateInput
      label={label}
      valueFormat="YYYY-MM-DD"
      placeholder="YYYY-MM-DD"
      // Saved timestamps show as their day; the rules keep them as they are until edited.
      value={typeof value === 'string' ? value.slice(0, 10) : null}
      onChange={(next) => {
        if (next) onChange(next);
      }}
      w={150}
    />
  );
}
