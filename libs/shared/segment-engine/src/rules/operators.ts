import type { NativeAttribute, Operator, ValueType } from './types';

export const VALUE_TYPES: readonly ValueType[] = ['string', 'number', 'date', 'boolean', 'list'];
export const CUSTOM_SOURCES = ['sdk', 'segment', 'hubspot', 'customerio'] as const;
export const EVENT_SOURCES = ['jimo', 'segment'] as const;
export const TIME_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months'] as const;
export const NATIVE_ATTRIBUTES = [
  'name',
  'email',
  'lastActivityAt',
  'createdAt',
  'sessions',
  'tags',
] as const;

/** The built-in attributes and their value types. */
export const NATIVE_ATTRIBUTE_TYPES: Readonly<Record<NativeAttribute, ValueType>> = {
  name: 'string',
  email: 'string',
  lastActivityAt: 'date',
  createdAt: 'date',
  sessions: 'number',
  tags: 'list',
};

/** Operators allowed for each value type (the spec's table; isSet/isNotSet fit every type). */
export const OPERATORS_BY_TYPE: Readonly<Record<ValueType, readonly Operator[]>> = {
  string: [
    'equals',
    'notEquals',
    'contains',
    'notContains',
    'startsWith',
    'endsWith',
    'in',
    'notIn',
    'isSet',
    'isNotSet',
  ],
  number: [
    'equals',
    'notEquals',
    'greaterThan',
    'greaterThanOrEqual',
    'lessThan',
    'lessThanOrEqual',
    'between',
    'isSet',
    'isNotSet',
  ],
  date: ['before', 'after', 'between', 'withinLast', 'notWithinLast', 'isSet', 'isNotSet'],
  boolean: ['isTrue', 'isFalse', 'isSet', 'isNotSet'],
  list: [
    'contains',
    'notContains',
    'containsAny',
    'containsAll',
    'isEmpty',
    'isNotEmpty',
    'isSet',
    'isNotSet',
  ],
};

export const ALL_OPERATORS: readonly Operator[] = [
  ...new Set(Object.values(OPERATORS_BY_TYPE).flat()),
];

export function operatorFits(type: ValueType, operator: string): boolean {
  return (OPERATORS_BY_TYPE[type] as readonly string[]).includes(operator);
}

/** Limits of the rule language. */
export const LIMITS = {
  maxGroupDepth: 4,
  maxGroupItems: 50,
  maxConditions: 100,
  maxKeyLength: 200,
  maxListValues: 1000,
  maxStringLength: 1000,
  maxNameLength: 200,
  maxIdLength: 200,
  maxProperties: 20,
  maxWindowAmount: 100_000,
  maxOccurrenceCount: 1_000_000,
} as const;
