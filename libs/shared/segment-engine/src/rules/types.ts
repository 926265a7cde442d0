/** The rule language of segments, as in the spec (shared/spec/segments.md). */

export type ValueType = 'string' | 'number' | 'date' | 'boolean' | 'list';
export type CustomSource = 'sdk' | 'segment' | 'hubspot' | 'customerio';
export type EventSource = 'jimo' | 'segment';
export type NativeAttribute =
  'name' | 'email' | 'lastActivityAt' | 'createdAt' | 'sessions' | 'tags';
export type TimeUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'months';

export interface RelativeWindow {
  amount: number;
  unit: TimeUnit;
}

export type StringOperator =
  'equals' | 'notEquals' | 'contains' | 'notContains' | 'startsWith' | 'endsWith' | 'in' | 'notIn';
export type NumberOperator =
  | 'equals'
  | 'notEquals'
  | 'greaterThan'
  | 'greaterThanOrEqual'
  | 'lessThan'
  | 'lessThanOrEqual'
  | 'between';
export type DateOperator = 'before' | 'after' | 'between' | 'withinLast' | 'notWithinLast';
export type BooleanOperator = 'isTrue' | 'isFalse';
export type ListOperator =
  'contains' | 'notContains' | 'containsAny' | 'containsAll' | 'isEmpty' | 'isNotEmpty';
export type PresenceOperator = 'isSet' | 'isNotSet';
export type Operator =
  | StringOperator
  | NumberOperator
  | DateOperator
  | BooleanOperator
  | ListOperator
  | PresenceOperator;

/**
 * The value of an operator: a string, a number, a list of strings, a [min, max] pair of
 * numbers or ISO-8601 strings, a relative window, or nothing (isSet, isTrue, isEmpty…).
 */
export type OperatorValue = string | number | string[] | [number, number] | RelativeWindow;

export interface AttributeCondition {
  type: 'attribute';
  attribute: NativeAttribute;
  operator: Operator;
  value?: OperatorValue;
}

export interface CustomAttributeCondition {
  type: 'customAttribute';
  source: CustomSource;
  key: string;
  operator: Operator;
  value?: OperatorValue;
}

export type ExperienceOperator = 'seen' | 'notSeen' | 'completed' | 'notCompleted' | 'answered';

export interface ExperienceCondition {
  type: 'experience';
  experienceId: string;
  operator: ExperienceOperator;
  /** Required for `answered`. */
  stepId?: string;
  /** `answered` only: the answer must be one of these (any overlap); omitted = answered anything. */
  values?: string[];
}

export type OccurrenceOperator = 'occurred' | 'notOccurred' | 'atLeast' | 'atMost' | 'exactly';

export interface Occurrence {
  operator: OccurrenceOperator;
  /** Required for atLeast / atMost / exactly. */
  count?: number;
}

export type Period =
  | { type: 'last'; amount: number; unit: TimeUnit }
  | { type: 'between'; from: string; to: string }
  | { type: 'before'; date: string }
  | { type: 'after'; date: string };

export interface PropertyFilter {
  key: string;
  operator: Operator;
  value?: OperatorValue;
  /**
   * Optional value type of the property. When omitted it is inferred from the operator and
   * the value (see README); give it to tell a list `contains` from a string `contains`.
   */
  type?: ValueType;
}

export interface EventCondition {
  type: 'event';
  source: EventSource;
  name: string;
  /** Default `{ operator: 'occurred' }`. */
  occurrence?: Occurrence;
  /** Default: all time. */
  period?: Period;
  properties?: PropertyFilter[];
}

export interface SegmentCondition {
  type: 'segment';
  segmentId: string;
  operator: 'in' | 'notIn';
}

export type Condition =
  | AttributeCondition
  | CustomAttributeCondition
  | ExperienceCondition
  | EventCondition
  | SegmentCondition;

export interface RuleGroup {
  type: 'group';
  operator: 'and' | 'or';
  conditions: Array<Condition | RuleGroup>;
}

/** The `rules` of a segment: its root group. */
export type SegmentRules = RuleGroup;

/** One entry of the attribute catalog: each (workspace, source, key) has one type. */
export interface CatalogEntry {
  source: CustomSource;
  key: string;
  type: ValueType;
}
