import type {
  Condition,
  EventCondition,
  Operator,
  OperatorValue,
  Period,
  PropertyFilter,
} from '@seg/segment-engine';
import { formatDateTime } from '../../../app/format';
import {
  CUSTOM_SOURCE_LABELS,
  EVENT_SOURCE_LABELS,
  EXPERIENCE_OPERATOR_LABELS,
  NATIVE_ATTRIBUTE_LABELS,
  OPERATOR_LABELS,
} from '../../segments/filter-builder/labels';

/** Names to show for ids the rules hold (segments, experiences); the id when unknown. */
export interface RuleNames {
  segments?: Record<string, string>;
  experiences?: Record<string, string>;
}

const quoted = (value: unknown) => `'${String(value)}'`;
const isIsoDate = (value: unknown) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value);
const shown = (value: unknown) =>
  isIsoDate(value) ? formatDateTime(value as string) : quoted(value);

function valueWords(operator: Operator, value: OperatorValue | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    if (operator === 'between') return ` ${shown(value[0])} and ${shown(value[1])}`;
    return ` ${value.map(shown).join(', ')}`;
  }
  if (typeof value === 'object') return ` ${value.amount} ${value.unit}`;
  return ` ${typeof value === 'number' ? String(value) : shown(value)}`;
}

/** "plan is one of 'pro', 'team'": a field, an operator's words and its value. */
function comparison(field: string, operator: Operator, value: OperatorValue | undefined): string {
  return `${field} ${OPERATOR_LABELS[operator]}${valueWords(operator, value)}`;
}

function periodWords(period: Period | undefined): string {
  if (!period) return '';
  switch (period.type) {
    case 'last':
      return ` in the last ${period.amount} ${period.unit}`;
    case 'between':
      return ` between ${formatDateTime(period.from)} and ${formatDateTime(period.to)}`;
    case 'before':
      return ` before ${formatDateTime(period.date)}`;
    case 'after':
      return ` after ${formatDateTime(period.date)}`;
  }
}

function occurrenceWords(event: EventCondition): string {
  const occurrence = event.occurrence ?? { operator: 'occurred' };
  const times = (n: number | undefined) => `${n ?? 0} ${n === 1 ? 'time' : 'times'}`;
  switch (occurrence.operator) {
    case 'occurred':
      return 'happened';
    case 'notOccurred':
      return 'never happened';
    case 'atLeast':
      return `happened at least ${times(occurrence.count)}`;
    case 'atMost':
      return `happened at most ${times(occurrence.count)}`;
    case 'exactly':
      return `happened exactly ${times(occurrence.count)}`;
  }
}

const propertyWords = (filters: PropertyFilter[] | undefined) =>
  filters && filters.length > 0
    ? ` with ${filters.map((f) => comparison(f.key, f.operator, f.value)).join(' and ')}`
    : '';

/**
 * One condition of segments.md as a sentence a product manager reads, in the builder's words:
 * "Sessions greater than or equal to 5", "'Invited teammate' happened at least 3 times in the
 * last 7 days with role is 'admin'", "HubSpot lifecyclestage is 'customer'".
 */
export function describeCondition(condition: Condition, names: RuleNames = {}): string {
  switch (condition.type) {
    case 'attribute':
      return comparison(
        NATIVE_ATTRIBUTE_LABELS[condition.attribute],
        condition.operator,
        condition.value,
      );
    case 'customAttribute':
      return comparison(
        `${CUSTOM_SOURCE_LABELS[condition.source]} ${condition.key}`,
        condition.operator,
        condition.value,
      );
    case 'experience': {
      const experience = quoted(
        names.experiences?.[condition.experienceId] ?? condition.experienceId,
      );
      const answer =
        condition.operator === 'answered'
          ? ` at step ${quoted(condition.stepId)}${condition.values?.length ? `: ${condition.values.map(quoted).join(', ')}` : ''}`
          : '';
      return `${experience} ${EXPERIENCE_OPERATOR_LABELS[condition.operator].toLowerCase()}${answer}`;
    }
    case 'event': {
      const source = condition.source === 'segment' ? `${EVENT_SOURCE_LABELS.segment} ` : '';
      return `${source}${quoted(condition.name)} ${occurrenceWords(condition)}${periodWords(condition.period)}${propertyWords(condition.properties)}`;
    }
    case 'segment': {
      const segment = quoted(names.segments?.[condition.segmentId] ?? condition.segmentId);
      return `${condition.operator === 'in' ? 'In' : 'Not in'} segment ${segment}`;
    }
  }
}

interface TimedNode {
  type?: unknown;
  result?: unknown;
  condition?: unknown;
  changesAt?: unknown;
  conditions?: unknown;
  rules?: unknown;
}

/** The time-relative conditions of an explanation whose result changes at `instant`. */
function conditionsChangingAt(node: TimedNode, instant: string): TimedNode[] {
  if (node.type === 'group' && Array.isArray(node.conditions)) {
    return (node.conditions as TimedNode[]).flatMap((child) =>
      conditionsChangingAt(child, instant),
    );
  }
  if (node.type === 'segment' && node.rules && typeof node.rules === 'object') {
    return conditionsChangingAt(node.rules as TimedNode, instant);
  }
  return typeof node.changesAt === 'string' && node.changesAt === instant && node.condition
    ? [node]
    : [];
}

/**
 * When membership changes with no new data, and why: "Leaves on Dec 8, 2026, 2:05 PM, when
 * “'Invited teammate' happened in the last 7 days” stops holding". Null when time alone never
 * changes it.
 */
export function membershipForecast(
  member: boolean,
  nextChangeAt: string | null | undefined,
  explanation: TimedNode,
  names: RuleNames = {},
): string | null {
  if (!nextChangeAt) return null;
  const verb = member ? 'Leaves' : 'Joins';
  const causes = conditionsChangingAt(explanation, nextChangeAt);
  const cause = causes[0];
  const because = cause
    ? `, when “${describeCondition(cause.condition as Condition, names)}” ${cause.result === true ? 'stops holding' : 'starts holding'}`
    : '';
  return `${verb} on ${formatDateTime(nextChangeAt)}${because} (with no new data).`;
}
