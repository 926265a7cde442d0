// Reference evaluator (test-only): who is in a segment, written from shared/spec/segments.md
// alone (plus the README's documented decisions where the spec is silent). It imports nothing
// from the engine but the rule types, reads raw documents (interaction records, not the
// engine's summary) and is deliberately naive: a third opinion for the differential test.
import type {
  CatalogEntry,
  Condition,
  EventCondition,
  ExperienceCondition,
  NativeAttribute,
  Period,
  RuleGroup,
  SegmentRules,
  ValueType,
} from '../../rules/types';
import { inferPropertyType, referenceOperatorHolds } from './reference-operators.test-helper';
import { parseIsoSpan, windowStartMs } from './reference-time.test-helper';

/** The fields of a stored profile the spec talks about; anything may be missing or mistyped. */
export interface ReferenceProfile {
  workspaceId: string;
  userId: string;
  name?: unknown;
  email?: unknown;
  createdAt?: unknown;
  lastActivityAt?: unknown;
  sessions?: unknown;
  tags?: unknown;
  custom?: Partial<Record<string, unknown>>;
  interactions?: ReadonlyArray<{
    experienceId: string;
    seenAt?: Date | null;
    completedAt?: Date | null;
    answers?: ReadonlyArray<{ stepId: string; values: readonly string[] }>;
  }>;
}

interface ReferenceEvent {
  workspaceId: string;
  userId: string;
  source: string;
  name: string;
  timestamp: Date;
  properties: unknown;
}

export interface ReferenceWorld {
  workspaceId: string;
  now: Date;
  catalog: readonly CatalogEntry[];
  /** The stored definitions that `segment` conditions name. */
  segments: Readonly<Record<string, SegmentRules>>;
  /** Every event stored, of every workspace and user. */
  events: readonly ReferenceEvent[];
}

// The spec's table of native attributes and their value types.
const NATIVE_TYPES: Record<NativeAttribute, ValueType> = {
  name: 'string',
  email: 'string',
  lastActivityAt: 'date',
  createdAt: 'date',
  sessions: 'number',
  tags: 'list',
};

/** `.` walks into nested objects; never into lists, dates or other values. */
function valueAtPath(root: unknown, key: string): unknown {
  let current = root;
  for (const part of key.split('.')) {
    const isPlainObject =
      typeof current === 'object' &&
      current !== null &&
      !Array.isArray(current) &&
      !(current instanceof Date);
    if (!isPlainObject) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The members of `rules` among the world's profiles (of its workspace only), sorted. */
export function referenceMembers(
  rules: SegmentRules,
  profiles: readonly ReferenceProfile[],
  world: ReferenceWorld,
): string[] {
  return profiles
    .filter((profile) => profile.workspaceId === world.workspaceId)
    .filter((profile) => referenceIsMember(rules, profile, world))
    .map((profile) => profile.userId)
    .sort();
}

export function referenceIsMember(
  rules: SegmentRules,
  profile: ReferenceProfile,
  world: ReferenceWorld,
  referencing: readonly string[] = [],
): boolean {
  return groupHolds(rules, profile, world, referencing);
}

function groupHolds(
  group: RuleGroup,
  profile: ReferenceProfile,
  world: ReferenceWorld,
  referencing: readonly string[],
): boolean {
  // Only a root group may be empty, and an empty root matches every user, "and" or "or".
  if (group.conditions.length === 0) return true;
  const holds = (item: Condition | RuleGroup) =>
    item.type === 'group'
      ? groupHolds(item, profile, world, referencing)
      : conditionHolds(item, profile, world, referencing);
  return group.operator === 'and' ? group.conditions.every(holds) : group.conditions.some(holds);
}

function conditionHolds(
  condition: Condition,
  profile: ReferenceProfile,
  world: ReferenceWorld,
  referencing: readonly string[],
): boolean {
  switch (condition.type) {
    case 'attribute':
      return referenceOperatorHolds(
        NATIVE_TYPES[condition.attribute],
        condition.operator,
        condition.value,
        profile[condition.attribute],
        world.now,
      );
    case 'customAttribute': {
      const entry = world.catalog.find(
        (candidate) => candidate.source === condition.source && candidate.key === condition.key,
      );
      if (!entry)
        throw new Error(`reference: no catalog type for ${condition.source}.${condition.key}`);
      return referenceOperatorHolds(
        entry.type,
        condition.operator,
        condition.value,
        valueAtPath(profile.custom?.[condition.source], condition.key),
        world.now,
      );
    }
    case 'experience':
      return experienceHolds(condition, profile);
    case 'event':
      return occurrenceHolds(condition, countEvents(condition, profile, world));
    case 'segment': {
      if (referencing.includes(condition.segmentId))
        throw new Error(`reference: cycle through ${condition.segmentId}`);
      const rules = world.segments[condition.segmentId];
      if (!rules) throw new Error(`reference: unknown segment ${condition.segmentId}`);
      const isIn = groupHolds(rules, profile, world, [...referencing, condition.segmentId]);
      return condition.operator === 'in' ? isIn : !isIn;
    }
  }
}

function experienceHolds(condition: ExperienceCondition, profile: ReferenceProfile): boolean {
  const records = (profile.interactions ?? []).filter(
    (record) => record.experienceId === condition.experienceId,
  );
  // Completing means reaching the last step, so a completed experience was seen.
  const seen = records.some((record) => record.seenAt || record.completedAt);
  const completed = records.some((record) => record.completedAt);
  switch (condition.operator) {
    case 'seen':
      return seen;
    case 'notSeen':
      return !seen;
    case 'completed':
      return completed;
    case 'notCompleted':
      return !completed;
    case 'answered': {
      const answers = records
        .flatMap((record) => record.answers ?? [])
        .filter((answer) => answer.stepId === condition.stepId);
      const wanted = condition.values;
      if (wanted === undefined) return answers.length > 0;
      return answers.some((answer) => answer.values.some((value) => wanted.includes(value)));
    }
  }
}

function inPeriod(timestamp: number, period: Period | undefined, now: Date): boolean {
  if (period === undefined) return true;
  switch (period.type) {
    case 'last':
      return (
        windowStartMs(now, period.amount, period.unit) <= timestamp && timestamp <= now.getTime()
      );
    case 'between':
      return (
        parseIsoSpan(period.from).first <= timestamp && timestamp <= parseIsoSpan(period.to).last
      );
    case 'before':
      return timestamp < parseIsoSpan(period.date).first;
    case 'after':
      return timestamp > parseIsoSpan(period.date).last;
  }
}

function countEvents(
  condition: EventCondition,
  profile: ReferenceProfile,
  world: ReferenceWorld,
): number {
  return world.events.filter(
    (event) =>
      event.workspaceId === world.workspaceId &&
      event.userId === profile.userId &&
      event.source === condition.source &&
      event.name === condition.name &&
      inPeriod(event.timestamp.getTime(), condition.period, world.now) &&
      (condition.properties ?? []).every((filter) =>
        referenceOperatorHolds(
          filter.type ?? inferPropertyType(filter.operator, filter.value),
          filter.operator,
          filter.value,
          valueAtPath(event.properties, filter.key),
          world.now,
        ),
      ),
  ).length;
}

function occurrenceHolds(condition: EventCondition, count: number): boolean {
  const { operator, count: wanted = 0 } = condition.occurrence ?? { operator: 'occurred' };
  switch (operator) {
    case 'occurred':
      return count >= 1;
    case 'notOccurred':
      return count === 0;
    case 'atLeast':
      return count >= wanted;
    case 'atMost':
      return count <= wanted;
    case 'exactly':
      return count === wanted;
  }
}
