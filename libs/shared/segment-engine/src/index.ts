// Rule language
export type * from './rules/types';
export {
  ALL_OPERATORS,
  CUSTOM_SOURCES,
  EVENT_SOURCES,
  LIMITS,
  NATIVE_ATTRIBUTE_TYPES,
  NATIVE_ATTRIBUTES,
  OPERATORS_BY_TYPE,
  TIME_UNITS,
  operatorFits,
} from './rules/operators';

// Validation
export type { ValidationIssue } from './validation/issues';
export {
  validateSegmentRules,
  type ValidationContext,
  type ValidationResult,
} from './validation/validate';
export { findSegmentCycle, referencedSegmentIds } from './validation/cycles';
export { type AttributeTypeLookup } from './validation/catalog';
export { keyProblem } from './validation/primitives';
export { inferValueType } from './validation/operator-value';
export {
  attributeConditionSchema,
  customAttributeConditionSchema,
  eventConditionSchema,
  experienceConditionSchema,
  segmentConditionSchema,
} from './validation/condition-schemas';

// Documents
export {
  answerToken,
  summarizeInteractions,
  type AttributeObject,
  type AttributeValue,
  type EventDocument,
  type ExperienceSummary,
  type InteractionRecord,
  type ProfileDocument,
} from './documents/profile';
export {
  inferAttributeType,
  normalizeAttributeValue,
  type NormalizeResult,
} from './documents/normalize';

// Compilation
export {
  compileSegment,
  type CompiledSegment,
  type CompileOptions,
} from './compile/compile-segment';
export { SegmentReferenceError } from './compile/errors';
export { escapeRegex } from './compile/regex';
export { parseIsoDate, windowStart } from './compile/time';
export type { Filter } from './compile/field-predicate';

// Batch plans
export {
  buildPlan,
  type EventQuery,
  type ExecutionPlan,
  type PlanOptions,
} from './plan/build-plan';
export type { AggregateResult, Doc, Pipeline, SegmentDataSource } from './plan/data-source';
export {
  countMembers,
  findEventHits,
  listAllMembers,
  listMembers,
  allMembersOnce,
  type ExecuteOptions,
  type ListOptions,
  type MemberPage,
} from './plan/execute';
export { compareUserIds } from './plan/order';

// One user
export { evaluate, evaluateMany } from './evaluate/evaluate';
export { nextChangeAt, nextChangeOfNode } from './evaluate/next-change';
export { UserContext, type UserInput } from './evaluate/user-context';
export type { EventLike } from './evaluate/event-count';

// Explain
export { explain, type ExplainedWindow, type ExplainNode } from './explain/explain';

// Per-filter counts (each node of draft rules, running totals, the filter that empties them)
export {
  FilterCounter,
  positiveFromContext,
  positiveFromHits,
  type EventPositive,
  type FilterTallies,
  type FilterTally,
} from './counts/filter-counts';

// Sampling (preview at any size)
export { estimateFromSample, type SampleEstimate } from './sample/estimate';

// Lint (warnings about valid rules)
export {
  lintSegmentRules,
  type AttributeSubject,
  type KnownValue,
  type LintCode,
  type LintContext,
  type LintWarning,
} from './lint/lint';
