import type { Operator, OperatorValue, RelativeWindow, ValueType } from '@seg/segment-engine';
import { OPERATORS_BY_TYPE } from '@seg/segment-engine';

/** The shape of input an operator takes, by the table "Operators by value type" of segments.md. */
export type ValueInputKind = 'none' | 'single' | 'many' | 'range' | 'window';

const NO_VALUE: ReadonlySet<Operator> = new Set([
  'isSet',
  'isNotSet',
  'isTrue',
  'isFalse',
  'isEmpty',
  'isNotEmpty',
]);
const MANY_VALUES: ReadonlySet<Operator> = new Set(['in', 'notIn', 'containsAny', 'containsAll']);

export function valueInputKind(operator: Operator): ValueInputKind {
  if (NO_VALUE.has(operator)) return 'none';
  if (MANY_VALUES.has(operator)) return 'many';
  if (operator === 'between') return 'range';
  if (operator === 'withinLast' || operator === 'notWithinLast') return 'window';
  return 'single';
}

export function operatorsFor(type: ValueType): readonly Operator[] {
  return OPERATORS_BY_TYPE[type];
}

/** Today as an ISO-8601 date (`YYYY-MM-DD`), the value a fresh date input starts from. */
export function todayIsoDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export const DEFAULT_WINDOW: RelativeWindow = { amount: 7, unit: 'days' };

/** The value a freshly chosen operator starts with; undefined = the operator takes none. */
export function defaultValue(type: ValueType, operator: Operator): OperatorValue | undefined {
  switch (valueInputKind(operator)) {
    case 'none':
      return undefined;
    case 'many':
      return [];
    case 'window':
      return { ...DEFAULT_WINDOW };
    case 'range':
      return type === 'date' ? [todayIsoDate(), todayIsoDate()] : [0, 100];
    case 'single':
      if (type === 'number') return 0;
      if (type === 'date') return todayIsoDate();
      return '';
  }
}

/**
 * The operator and value after picking `operator` for a value of `type`: the value is kept when
 * it still has the right shape, so switching `is` to `is not` keeps what was typed.
 */
export function withOperator(
  type: ValueType,
  previous: { operator: Operator; value?: OperatorValue },
  operator: Operator,
): { operator: Operator; value?: OperatorValue } {
  const sameShape =
    valueInputKind(previous.operator) === valueInputKind(operator) && previous.value !== undefined;
  const value = sameShape ? previous.value : defaultValue(type, operator);
  return value === undefined ? { operator } : { operator, value };
}

/** The operator a value of `type` starts with when its attribute is picked. */
export function firstOperator(type: ValueType): Operator {
  return operatorsFor(type)[0];
}
