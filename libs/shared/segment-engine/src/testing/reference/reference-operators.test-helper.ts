// Reference evaluator (test-only): the operators of the spec's "Operators by value type" table,
// applied to one stored value. Written from shared/spec/segments.md, not from the engine.
import type { Operator, OperatorValue, RelativeWindow, ValueType } from '../../rules/types';
import { parseIsoSpan, windowStartMs } from './reference-time.test-helper';

/** `any`: an event property filter with no type (isSet / isNotSet only): any non-null value. */
export type ReferenceType = ValueType | 'any';

const HAS_TYPE: Record<ReferenceType, (stored: unknown) => boolean> = {
  string: (stored) => typeof stored === 'string',
  number: (stored) => typeof stored === 'number' && Number.isFinite(stored),
  date: (stored) => stored instanceof Date && !Number.isNaN(stored.getTime()),
  boolean: (stored) => typeof stored === 'boolean',
  list: (stored) => Array.isArray(stored) && stored.every((item) => typeof item === 'string'),
  any: (stored) => stored !== undefined && stored !== null,
};

// The spec's negative operators: they also match when the value is not set.
const NEGATIVE: Partial<Record<ReferenceType, readonly Operator[]>> = {
  string: ['notEquals', 'notContains', 'notIn'],
  number: ['notEquals'],
  list: ['notContains'],
};

const lower = (text: string) => text.toLowerCase();
const asString = (value: OperatorValue | undefined) => lower(String(value));
const asStrings = (value: OperatorValue | undefined) => (value as string[]).map(lower);

/**
 * Whether `operator value` holds for a stored value of a condition of `type`. A stored value
 * of another type than the condition's counts as not set (values are normalised to one type;
 * one that is not is "kept out of comparisons").
 */
export function referenceOperatorHolds(
  type: ReferenceType,
  operator: Operator,
  value: OperatorValue | undefined,
  stored: unknown,
  now: Date,
): boolean {
  const isSet = HAS_TYPE[type](stored);
  if (operator === 'isSet') return isSet;
  if (operator === 'isNotSet') return !isSet;
  if (type === 'list' && operator === 'isEmpty') return !isSet || (stored as string[]).length === 0;
  if (!isSet) return NEGATIVE[type]?.includes(operator) ?? false;
  switch (type) {
    case 'string':
      return stringHolds(operator, value, lower(stored as string));
    case 'number':
      return numberHolds(operator, value, stored as number);
    case 'date':
      return dateHolds(operator, value, (stored as Date).getTime(), now);
    case 'boolean':
      return operator === 'isTrue' ? stored === true : operator === 'isFalse' && stored === false;
    case 'list':
      return listHolds(operator, value, (stored as string[]).map(lower));
    case 'any':
      throw new Error(`reference: ${operator} needs a value type`);
  }
}

function stringHolds(operator: Operator, value: OperatorValue | undefined, stored: string) {
  switch (operator) {
    case 'equals':
      return stored === asString(value);
    case 'notEquals':
      return stored !== asString(value);
    case 'contains':
      return stored.includes(asString(value));
    case 'notContains':
      return !stored.includes(asString(value));
    case 'startsWith':
      return stored.startsWith(asString(value));
    case 'endsWith':
      return stored.endsWith(asString(value));
    case 'in':
      return asStrings(value).includes(stored);
    case 'notIn':
      return !asStrings(value).includes(stored);
    default:
      throw new Error(`reference: ${operator} is not a string operator`);
  }
}

function numberHolds(operator: Operator, value: OperatorValue | undefined, stored: number) {
  if (operator === 'between') {
    const [min, max] = value as [number, number];
    return min <= stored && stored <= max;
  }
  const operand = value as number;
  switch (operator) {
    case 'equals':
      return stored === operand;
    case 'notEquals':
      return stored !== operand;
    case 'greaterThan':
      return stored > operand;
    case 'greaterThanOrEqual':
      return stored >= operand;
    case 'lessThan':
      return stored < operand;
    case 'lessThanOrEqual':
      return stored <= operand;
    default:
      throw new Error(`reference: ${operator} is not a number operator`);
  }
}

function dateHolds(
  operator: Operator,
  value: OperatorValue | undefined,
  stored: number,
  now: Date,
) {
  switch (operator) {
    case 'before':
      return stored < parseIsoSpan(value as string).first;
    case 'after':
      return stored > parseIsoSpan(value as string).last;
    case 'between': {
      const [from, to] = value as unknown as [string, string];
      return parseIsoSpan(from).first <= stored && stored <= parseIsoSpan(to).last;
    }
    case 'withinLast': {
      const { amount, unit } = value as RelativeWindow;
      return windowStartMs(now, amount, unit) <= stored && stored <= now.getTime();
    }
    case 'notWithinLast': {
      const { amount, unit } = value as RelativeWindow;
      return stored < windowStartMs(now, amount, unit);
    }
    default:
      throw new Error(`reference: ${operator} is not a date operator`);
  }
}

function listHolds(operator: Operator, value: OperatorValue | undefined, stored: string[]) {
  switch (operator) {
    case 'contains':
      return stored.includes(asString(value));
    case 'notContains':
      return !stored.includes(asString(value));
    case 'containsAny':
      return asStrings(value).some((item) => stored.includes(item));
    case 'containsAll':
      return asStrings(value).every((item) => stored.includes(item));
    case 'isNotEmpty':
      return stored.length > 0;
    default:
      throw new Error(`reference: ${operator} is not a list operator`);
  }
}

/**
 * The type of an event property filter that gives none, inferred from its operator and value
 * as the README documents (the spec only says "the operators of the value's type").
 */
export function inferPropertyType(
  operator: Operator,
  value: OperatorValue | undefined,
): ReferenceType {
  switch (operator) {
    case 'isSet':
    case 'isNotSet':
      return 'any';
    case 'equals':
    case 'notEquals':
      return typeof value === 'number' ? 'number' : 'string';
    case 'greaterThan':
    case 'greaterThanOrEqual':
    case 'lessThan':
    case 'lessThanOrEqual':
      return 'number';
    case 'between':
      return typeof (value as unknown[])[0] === 'number' ? 'number' : 'date';
    case 'before':
    case 'after':
    case 'withinLast':
    case 'notWithinLast':
      return 'date';
    case 'isTrue':
    case 'isFalse':
      return 'boolean';
    case 'containsAny':
    case 'containsAll':
    case 'isEmpty':
    case 'isNotEmpty':
      return 'list';
    default:
      return 'string';
  }
}
