import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { FilterCatalog } from '../filter-builder/filter-catalog';
import { segmentKeys } from '../segment-query-keys';

/** Experiences and segments offered by the builder: the first 1000 of each. */
const PICKER_LIMIT = 1000;

/**
 * What the filter builder offers: the attribute catalog (`GET /v1/attributes`), the event
 * names (`GET /v1/events`), experiences and segments, asked in parallel.
 */
export function useFilterCatalog() {
  return useQuery({
    queryKey: segmentKeys.filterCatalog(),
    queryFn: async (): Promise<FilterCatalog> => {
      const [attributes, events, experiences, segments, syncedAt] = await Promise.all([
        unwrap(api.GET('/v1/attributes')),
        unwrap(api.GET('/v1/events')),
        unwrap(api.GET('/v1/experiences', { params: { query: { limit: PICKER_LIMIT } } })),
        unwrap(api.GET('/v1/segments', { params: { query: { limit: PICKER_LIMIT } } })),
        lastSyncs(),
      ]);
      return {
        attributes,
        events,
        experiences: experiences.experiences,
        segments: segments.segments,
        syncedAt,
      };
    },
    staleTime: 60_000,
  });
}

type SyncedSource = keyof NonNullable<FilterCatalog['syncedAt']>;
const SYNCED_SOURCES: readonly SyncedSource[] = ['hubspot', 'customerio'];

/**
 * Each connected sync provider's last successful run (its finish time): the connection's last
 * run when it succeeded, else the newest succeeded one of its runs. Only a hint beside the
 * attributes: when it cannot be read the builder works without it.
 */
async function lastSyncs(): Promise<FilterCatalog['syncedAt']> {
  try {
    const { integrations } = await unwrap(api.GET('/v1/integrations'));
    const times = await Promise.all(
      integrations.flatMap((connection) => {
        const provider = SYNCED_SOURCES.find((source) => source === connection.provider);
        if (!provider) return [];
        const last = connection.lastRun;
        if (last?.status === 'succeeded' && last.finishedAt) {
          return [Promise.resolve([provider, last.finishedAt] as const)];
        }
        return [
          unwrap(
            api.GET('/v1/integrations/{provider}/runs', {
              params: { path: { provider }, query: { limit: 20 } },
            }),
          ).then((runs) => {
            const done = runs.find((run) => run.status === 'succeeded' && run.finishedAt);
            return [provider, done?.finishedAt ?? null] as const;
          }),
        ];
      }),
    );
    return Object.fromEntries(times.filter(([, at]) => at !== null));
  } catch {
    return {};
  }
}
