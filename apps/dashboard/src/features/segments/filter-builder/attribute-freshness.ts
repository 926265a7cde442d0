import type { CustomSource, NativeAttribute, RuleGroup } from '@seg/segment-engine';
import type { AttributeCatalogEntry } from '../../../api/paths';
import { formatDateTime, formatNumber } from '../../../app/format';
import type { FilterCatalog } from './filter-catalog';
import { CUSTOM_SOURCE_LABELS, NATIVE_ATTRIBUTE_LABELS } from './labels';

/**
 * When an attribute's data is called stale (apps/dashboard/README.md, "Freshness"):
 * - its source's latest sync failed ("failing");
 * - its source syncs on a schedule and its last successful sync is older than twice the
 *   interval (one run missed, and the next late);
 * - no value of it was written for `STALE_AFTER_DAYS` days (whatever its source).
 * An attribute never written (`lastWrittenAt` null) or a source never synced is not called
 * stale: there is no data to be old, and its coverage (0%) says so.
 */
export const STALE_AFTER_DAYS = 30;
const DAY_MS = 86_400_000;

const PROVIDER_LABELS: Record<NonNullable<AttributeCatalogEntry['sync']>['provider'], string> = {
  hubspot: 'HubSpot',
  customerio: 'Customer.io',
  segment: 'Segment.io',
};

export interface FreshnessProblem {
  kind: 'failing' | 'stale';
  /** e.g. "HubSpot: last sync failed", "no value written for 45 days". */
  message: string;
}

/** "3 h ago", "5 d ago", "just now". */
export function formatAgo(iso: string, now: Date): string {
  const ms = now.getTime() - new Date(iso).getTime();
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/** "62% of users", "<1% of users", or null before the first count. */
export function coverageText(entry: AttributeCatalogEntry): string | null {
  if (!entry.coverage) return null;
  const { share, users } = entry.coverage;
  const percent = share > 0 && share < 0.01 ? '<1' : String(Math.round(share * 100));
  return `${percent}% of users (${formatNumber(users)})`;
}

/** Failing first, then a late sync, then an attribute nobody wrote for a month. */
export function freshnessProblem(entry: AttributeCatalogEntry, now: Date): FreshnessProblem | null {
  const sync = entry.sync;
  if (sync) {
    const provider = PROVIDER_LABELS[sync.provider];
    if (sync.latestRunFailed) return { kind: 'failing', message: `${provider}: last sync failed` };
    if (
      sync.intervalMinutes &&
      sync.lastSucceededAt &&
      now.getTime() - new Date(sync.lastSucceededAt).getTime() > 2 * sync.intervalMinutes * 60_000
    ) {
      return {
        kind: 'stale',
        message: `${provider}: last successful sync ${formatAgo(sync.lastSucceededAt, now)}`,
      };
    }
  }
  if (
    entry.lastWrittenAt &&
    now.getTime() - new Date(entry.lastWrittenAt).getTime() > STALE_AFTER_DAYS * DAY_MS
  ) {
    return { kind: 'stale', message: `no value written for over ${STALE_AFTER_DAYS} days` };
  }
  return null;
}

export interface FreshnessNoteParts {
  /** "62% of users (1,240) · last written 3 h ago". */
  facts: string;
  /** "HubSpot: last synced Nov 30, 2026, 10:00 AM", when nothing is wrong with it. */
  synced: string | null;
  problem: FreshnessProblem | null;
}

/** What the builder says beside a chosen attribute (see FreshnessNote). */
export function freshnessNote(entry: AttributeCatalogEntry, now: Date): FreshnessNoteParts {
  const facts = [coverageText(entry) ?? 'coverage not counted yet'];
  if (entry.lastWrittenAt) facts.push(`last written ${formatAgo(entry.lastWrittenAt, now)}`);
  const problem = freshnessProblem(entry, now);
  const syncedAt = entry.sync?.lastSucceededAt;
  return {
    facts: facts.join(' · '),
    synced:
      !problem && entry.sync && syncedAt
        ? `${PROVIDER_LABELS[entry.sync.provider]}: last synced ${formatDateTime(syncedAt)}`
        : null,
    problem,
  };
}

/** A source's last successful sync, from any of its attributes (the group label's hint). */
export function sourceLastSynced(source: CustomSource, catalog: FilterCatalog): string | null {
  return (
    catalog.attributes.find((entry) => entry.source === source && entry.sync?.lastSucceededAt)?.sync
      ?.lastSucceededAt ?? null
  );
}

export const nativeEntry = (catalog: FilterCatalog, attribute: NativeAttribute) =>
  catalog.attributes.find((entry) => entry.category === 'attribute' && entry.key === attribute);

export const customEntry = (catalog: FilterCatalog, source: CustomSource, key: string) =>
  catalog.attributes.find(
    (entry) => entry.category === 'customAttribute' && entry.source === source && entry.key === key,
  );

export interface StaleAttribute {
  /** "lifecyclestage (HubSpot)", "Email". */
  label: string;
  problem: FreshnessProblem;
}

/** The attributes the rules use (each once, in order) whose data is failing or stale. */
export function staleAttributes(
  rules: RuleGroup,
  catalog: FilterCatalog,
  now: Date,
): StaleAttribute[] {
  const found = new Map<string, StaleAttribute>();
  const visit = (group: RuleGroup) => {
    for (const node of group.conditions) {
      if (node.type === 'group') {
        visit(node);
        continue;
      }
      let entry: AttributeCatalogEntry | undefined;
      let label = '';
      if (node.type === 'attribute') {
        entry = nativeEntry(catalog, node.attribute);
        label = NATIVE_ATTRIBUTE_LABELS[node.attribute];
      } else if (node.type === 'customAttribute') {
        entry = customEntry(catalog, node.source, node.key);
        label = `${node.key} (${CUSTOM_SOURCE_LABELS[node.source]})`;
      }
      if (!entry || found.has(label)) continue;
      const problem = freshnessProblem(entry, now);
      if (problem) found.set(label, { label, problem });
    }
  };
  visit(rules);
  return [...found.values()];
}
