import { Text } from '@mantine/core';
import type { AttributeCatalogEntry } from '../../../api/paths';
import { freshnessNote } from './attribute-freshness';

/**
 * Beside a chosen attribute: its coverage, last write and source sync ("62% of users (1,240) ·
 * last written 3 h ago · HubSpot: last synced …"), a failing or stale source in orange.
 */
export function FreshnessNote({ entry, now }: { entry: AttributeCatalogEntry; now: Date }) {
  const { facts, synced, problem } = freshnessNote(entry, now);
  return (
    <>
      {facts}
      {synced ? ` · ${synced}` : null}
      {problem ? ' · ' : null}
      {problem ? (
        <Text span inherit c="orange.8" fw={600}>
          {problem.message}
        </Text>
      ) : null}
    </>
  );
}
