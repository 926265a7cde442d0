import type { AttributeCoverageCount } from '@seg/profile-store';
import {
  type CatalogEntry,
  compileSegment,
  type Condition,
  evaluate,
  NATIVE_ATTRIBUTE_TYPES,
  NATIVE_ATTRIBUTES,
  type Operator,
  type ProfileDocument,
  UserContext,
  type ValueType,
} from '@seg/segment-engine';

/**
 * "Has a value", as the segment engine decides it: `isSet`, except for lists, where an empty
 * list is no value (`isNotEmpty`; every profile has `tags`, most of them empty).
 */
const hasValue = (type: ValueType): Operator => (type === 'list' ? 'isNotEmpty' : 'isSet');

/**
 * How many of these profiles have a value for each native attribute and each catalog entry:
 * the engine's own one-user evaluation of `isSet` (`isNotEmpty` for lists) on each profile, so
 * the share agrees with what a segment using the attribute matches.
 */
export async function countCoverage(
  profiles: AsyncIterable<ProfileDocument> | Iterable<ProfileDocument>,
  catalog: readonly CatalogEntry[],
  now = new Date(),
): Promise<{ users: number; attributes: AttributeCoverageCount[] }> {
  const subjects: Array<{ count: AttributeCoverageCount; condition: Condition }> = [
    ...NATIVE_ATTRIBUTES.map((attribute) => ({
      count: { source: null, key: attribute, users: 0 },
      condition: {
        type: 'attribute' as const,
        attribute,
        operator: hasValue(NATIVE_ATTRIBUTE_TYPES[attribute]),
      },
    })),
    ...catalog.map((entry) => ({
      count: { source: entry.source, key: entry.key, users: 0 },
      condition: {
        type: 'customAttribute' as const,
        source: entry.source,
        key: entry.key,
        operator: hasValue(entry.type),
      },
    })),
  ];
  const tests = subjects.map(({ count, condition }) => ({
    count,
    compiled: compileSegment(
      { type: 'group', operator: 'and', conditions: [condition] },
      { catalog },
    ),
  }));
  let users = 0;
  for await (const profile of profiles) {
    users += 1;
    const context = new UserContext({ profile, now });
    for (const { count, compiled } of tests) if (evaluate(compiled, context)) count.users += 1;
  }
  return { users, attributes: tests.map(({ count }) => count) };
}
