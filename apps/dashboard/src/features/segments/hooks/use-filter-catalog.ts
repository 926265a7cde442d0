import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { FilterCatalog } from '../filter-builder/filter-catalog';
import { segmentKeys } from '../segment-query-keys';

/** Experiences and segments offered by the builder: the first 1000 of each. */
const PICKER_LIMIT = 1000;

/**
 * What the filter builder offers: the attribute catalog (`GET /v1/attributes`, with each
 * attribute's coverage, last write and its source's last sync), the event
 * names (`GET /v1/events`), experiences and segments, asked in parallel.
 */
export function useFilterCatalog() {
  return useQuery({
    queryKey: segmentKeys.filterCatalog(),
    queryFn: async (): Promise<FilterCatalog> => {
      const [attributes, events, experiences, segments] = await Promise.all([
        unwrap(api.GET('/v1/attributes')),
        unwrap(api.GET('/v1/events')),
        unwrap(api.GET('/v1/experiences', { params: { query: { limit: PICKER_LIMIT } } })),
        unwrap(api.GET('/v1/segments', { params: { query: { limit: PICKER_LIMIT } } })),
      ]);
      return {
        attributes,
        events,
        experiences: experiences.experiences,
        segments: segments.segments,
      };
    },
    staleTime: 60_000,
    // A workspace not counted yet (its first count runs in the background): asked again soon.
    refetchInterval: (query) =>
      query.state.data?.attributes.every((entry) => entry.coverage === null) ? 3_000 : false,
  });
}
