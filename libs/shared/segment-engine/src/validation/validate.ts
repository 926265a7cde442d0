import { LIMITS, NATIVE_ATTRIBUTE_TYPES } from '../rules/operators';
import type { CatalogEntry, SegmentRules } from '../rules/types';
import { type AttributeTypeLookup, catalogLookup } from './catalog';
import { CONDITION_SCHEMAS, type ConditionKind } from './condition-schemas';
import { formatPath, zodIssuesToDetails } from '@seg/contracts';
import type { ValidationIssue } from './issues';
import { checkOperatorValue, inferValueType } from './operator-value';

export interface ValidationContext {
  /** The workspace's attribute catalog snapshot (or a lookup over it). */
  catalog: readonly CatalogEntry[] | AttributeTypeLookup;
  /** When given, a `segment` condition naming an id for which this returns false is refused. */
  segmentExists?: (segmentId: string) => boolean;
  /** The id of the segment being saved, if it has one: referencing itself is refused. */
  segmentId?: string;
  /** Prefix of every error path. Default `rules`. */
  basePath?: string;
}

export type ValidationResult =
  { ok: true; rules: SegmentRules } | { ok: false; errors: ValidationIssue[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const GROUP_KEYS = new Set(['type', 'operator', 'conditions']);

/**
 * Validates a segment's `rules` against the rule language and the attribute catalog. Every
 * offending path is reported, e.g. `rules.conditions[2].operator`.
 */
export function validateSegmentRules(input: unknown, context: ValidationContext): ValidationResult {
  const lookup = catalogLookup(context.catalog);
  const errors: ValidationIssue[] = [];
  let conditionCount = 0;
  const base = context.basePath ?? 'rules';

  const walkGroup = (group: unknown, path: string, depth: number): void => {
    if (!isRecord(group) || group.type !== 'group') {
      errors.push({ path, message: 'must be a group: { type: "group", operator, conditions }' });
      return;
    }
    if (depth > LIMITS.maxGroupDepth) {
      errors.push({
        path,
        message: `groups nest at most ${LIMITS.maxGroupDepth} levels, the root counting as one`,
      });
    }
    for (const key of Object.keys(group)) {
      if (!GROUP_KEYS.has(key)) errors.push({ path: `${path}.${key}`, message: 'unknown field' });
    }
    if (group.operator !== 'and' && group.operator !== 'or') {
      errors.push({ path: `${path}.operator`, message: 'must be "and" or "or"' });
    }
    const items = group.conditions;
    if (!Array.isArray(items)) {
      errors.push({ path: `${path}.conditions`, message: 'must be an array' });
      return;
    }
    if (depth > 1 && (items.length < 1 || items.length > LIMITS.maxGroupItems)) {
      errors.push({
        path: `${path}.conditions`,
        message: `a nested group has 1–${LIMITS.maxGroupItems} items`,
      });
    }
    items.forEach((item, index) => {
      const itemPath = `${path}.conditions[${index}]`;
      if (isRecord(item) && item.type === 'group') walkGroup(item, itemPath, depth + 1);
      else walkCondition(item, itemPath);
    });
  };

  const walkCondition = (condition: unknown, path: string): void => {
    conditionCount += 1;
    if (!isRecord(condition)) {
      errors.push({ path, message: 'must be a condition or a group' });
      return;
    }
    const kind = condition.type;
    // Own keys only: `constructor` or `__proto__` must not find Object's members.
    if (typeof kind !== 'string' || !Object.hasOwn(CONDITION_SCHEMAS, kind)) {
      errors.push({
        path: `${path}.type`,
        message: 'must be one of group, attribute, customAttribute, experience, event, segment',
      });
      return;
    }
    const parsed = CONDITION_SCHEMAS[kind as ConditionKind].safeParse(condition);
    if (!parsed.success) {
      errors.push(...zodIssuesToDetails(parsed.error, path));
      return;
    }
    const c = parsed.data;
    const push = (parts: PropertyKey[], message: string) =>
      errors.push({ path: formatPath(parts, path), message });
    switch (c.type) {
      case 'attribute': {
        const type = NATIVE_ATTRIBUTE_TYPES[c.attribute];
        for (const i of checkOperatorValue(type, c.operator, c.value)) push(i.path, i.message);
        break;
      }
      case 'customAttribute': {
        const type = lookup(c.source, c.key);
        if (!type) {
          push(['key'], `unknown attribute "${c.key}" for source ${c.source}`);
          break;
        }
        for (const i of checkOperatorValue(type, c.operator, c.value)) push(i.path, i.message);
        break;
      }
      case 'event':
        (c.properties ?? []).forEach((p, index) => {
          const type = p.type ?? inferValueType(p.operator, p.value);
          if (type) {
            for (const i of checkOperatorValue(type, p.operator, p.value)) {
              push(['properties', index, ...i.path], i.message);
            }
          } else if (p.operator !== 'isSet' && p.operator !== 'isNotSet') {
            push(['properties', index, 'operator'], `unknown operator "${p.operator}"`);
          } else if (p.value !== undefined && p.value !== null) {
            push(['properties', index, 'value'], 'this operator takes no value');
          }
        });
        break;
      case 'segment':
        if (context.segmentId !== undefined && c.segmentId === context.segmentId) {
          push(['segmentId'], 'a segment cannot reference itself');
        } else if (context.segmentExists && !context.segmentExists(c.segmentId)) {
          push(['segmentId'], `unknown segment "${c.segmentId}"`);
        }
        break;
      case 'experience':
        break;
    }
  };

  walkGroup(input, base, 1);
  if (conditionCount > LIMITS.maxConditions) {
    errors.push({ path: base, message: `at most ${LIMITS.maxConditions} conditions in all` });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rules: input as SegmentRules };
}
