import { Alert, List } from '@mantine/core';
import type { SegmentRules } from '@seg/segment-engine';
import { staleAttributes } from '../filter-builder/attribute-freshness';
import type { FilterCatalog } from '../filter-builder/filter-catalog';

/**
 * Says when the segment's filters use an attribute whose source is failing or stale
 * (attribute-freshness.ts): its members follow data that is not up to date. Renders only.
 */
export function StaleDataAlert({
  rules,
  catalog,
  now,
}: {
  rules: SegmentRules;
  catalog: FilterCatalog;
  now: Date;
}) {
  const stale = staleAttributes(rules, catalog, now);
  if (stale.length === 0) return null;
  const failing = stale.some((item) => item.problem.kind === 'failing');
  return (
    <Alert
      color="orange"
      mb="md"
      title={
        failing ? 'This segment uses data from a failing source' : 'This segment uses stale data'
      }
    >
      <List size="sm">
        {stale.map((item) => (
          <List.Item key={item.label}>
            {item.label}: {item.problem.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
