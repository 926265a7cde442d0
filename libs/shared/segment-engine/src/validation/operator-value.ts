import { z } from 'zod';
import { operatorFits } from '../rules/operators';
import type { Operator, ValueType } from '../rules/types';
import { parseIsoDate } from '../compile/time';
import { isoDateSchema, textListSchema, textSchema, windowSchema } from './primitives';

const noValue = z.union([z.undefined(), z.null()], { error: 'this operator takes no value' });
const numberPair = z
  .tuple([z.number(), z.number()])
  .refine(([a, b]) => a <= b, 'between needs [min, max] with min ≤ max');
const datePair = z.tuple([isoDateSchema, isoDateSchema]).refine(([a, b]) => {
  const from = parseIsoDate(a);
  const to = parseIsoDate(b, true);
  return !from || !to || from.getTime() <= to.getTime();
}, 'between needs [from, to] with from ≤ to');

/** The schema of the `value` for an operator of a value type (operator assumed to fit). */
function valueSchemaFor(type: ValueType, operator: Operator): z.ZodType {
  if (operator === 'isSet' || operator === 'isNotSet') return noValue;
  switch (type) {
    case 'string':
      return operator === 'in' || operator === 'notIn' ? textListSchema : textSchema;
    case 'number':
      return operator === 'between' ? numberPair : z.number();
    case 'date':
      if (operator === 'between') return datePair;
      if (operator === 'withinLast' || operator === 'notWithinLast') return windowSchema;
      return isoDateSchema;
    case 'boolean':
      return noValue;
    case 'list':
      if (operator === 'containsAny' || operator === 'containsAll') return textListSchema;
      if (operator === 'isEmpty' || operator === 'isNotEmpty') return noValue;
      return textSchema;
  }
}

export interface RelativeIssue {
  path: PropertyKey[];
  message: string;
}

/** Checks that `operator` fits `type` and that `value` has the operator's shape. */
export function checkOperatorValue(
  type: ValueType,
  operator: string,
  value: unknown,
): RelativeIssue[] {
  if (!operatorFits(type, operator)) {
    return [{ path: ['operator'], message: `operator "${operator}" does not fit type ${type}` }];
  }
  const parsed = valueSchemaFor(type, operator as Operator).safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ path: ['value', ...i.path], message: i.message }));
}

/**
 * Infers the value type of an event property filter (or an attribute missing from the
 * catalog) from its operator and value. Undefined when any type would do (isSet/isNotSet).
 */
export function inferValueType(operator: string, value: unknown): ValueType | undefined {
  switch (operator) {
    case 'isTrue':
    case 'isFalse':
      return 'boolean';
    case 'containsAny':
    case 'containsAll':
    case 'isEmpty':
    case 'isNotEmpty':
      return 'list';
    case 'before':
    case 'after':
    case 'withinLast':
    case 'notWithinLast':
      return 'date';
    case 'greaterThan':
    case 'greaterThanOrEqual':
    case 'lessThan':
    case 'lessThanOrEqual':
      return 'number';
    case 'startsWith':
    case 'endsWith':
    case 'in':
    case 'notIn':
    case 'contains':
    case 'notContains':
      return 'string';
    case 'equals':
    case 'notEquals':
      return typeof value === 'number' ? 'number' : 'string';
    case 'between':
      return Array.isArray(value) && typeof value[0] === 'string' ? 'date' : 'number';
    default:
      return undefined;
  }
}
