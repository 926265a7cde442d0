import type {
  Condition,
  CustomSource,
  EventSource,
  ExperienceOperator,
  NativeAttribute,
  OccurrenceOperator,
  Operator,
  TimeUnit,
  ValueType,
} from '@seg/segment-engine';

/** The words on screen (shared/spec/dashboard.md); tests find controls by them. */
export const CATEGORY_LABELS: Record<Condition['type'], string> = {
  attribute: 'Attributes',
  customAttribute: 'Custom attributes',
  experience: 'Experiences',
  event: 'Events',
  segment: 'Segments',
};

export const NATIVE_ATTRIBUTE_LABELS: Record<NativeAttribute, string> = {
  name: 'Name',
  email: 'Email',
  lastActivityAt: 'Last activity',
  createdAt: 'Created',
  sessions: 'Sessions',
  tags: 'Tags',
};

export const CUSTOM_SOURCE_LABELS: Record<CustomSource, string> = {
  sdk: 'SDK',
  segment: 'Segment.io Traits',
  hubspot: 'HubSpot',
  customerio: 'Customer.io',
};

export const EVENT_SOURCE_LABELS: Record<EventSource, string> = {
  jimo: 'Events',
  segment: 'Segment.io Events',
};

export const EXPERIENCE_OPERATOR_LABELS: Record<ExperienceOperator, string> = {
  seen: 'Has been seen',
  notSeen: 'Has not been seen',
  completed: 'Has been completed',
  notCompleted: 'Has not been completed',
  answered: 'Answered with',
};

export const OCCURRENCE_LABELS: Record<OccurrenceOperator, string> = {
  occurred: 'occurred',
  notOccurred: 'did not occur',
  atLeast: 'at least',
  atMost: 'at most',
  exactly: 'exactly',
};

export const SEGMENT_OPERATOR_LABELS: Record<'in' | 'notIn', string> = {
  in: 'in',
  notIn: 'not in',
};

export const TIME_UNIT_LABELS: Record<TimeUnit, string> = {
  minutes: 'minutes',
  hours: 'hours',
  days: 'days',
  weeks: 'weeks',
  months: 'months',
};

export const VALUE_TYPE_LABELS: Record<ValueType, string> = {
  string: 'Text',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes / no',
  list: 'List',
};

export const OPERATOR_LABELS: Record<Operator, string> = {
  equals: 'is',
  notEquals: 'is not',
  contains: 'contains',
  notContains: 'does not contain',
  startsWith: 'starts with',
  endsWith: 'ends with',
  in: 'is one of',
  notIn: 'is none of',
  greaterThan: 'greater than',
  greaterThanOrEqual: 'greater than or equal to',
  lessThan: 'less than',
  lessThanOrEqual: 'less than or equal to',
  between: 'between',
  before: 'before',
  after: 'after',
  withinLast: 'within the last',
  notWithinLast: 'not within the last',
  isTrue: 'is true',
  isFalse: 'is false',
  containsAny: 'contains any of',
  containsAll: 'contains all of',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  isSet: 'is set',
  isNotSet: 'is not set',
};
