import type { SegmentRules } from '@seg/segment-engine';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { rulesBody } from '../../../api/paths';
import { type FilterCounts, filterCountsOf } from '../filter-builder/filter-counts';
import { segmentKeys } from '../segment-query-keys';
import type { AppliedFilters } from './use-preview';

/**
 * `POST /v1/segments/filter-counts` for the rules "Apply filters" last sent (the same moment
 * as the preview; nothing runs before). The counts are given to the builder only while the
 * draft still has exactly those rules: after an edit, paths may name other filters, so the
 * counts disappear until the next Apply filters.
 */
export function useFilterCounts(applied: AppliedFilters | null, draft: SegmentRules) {
  const query = useQuery({
    queryKey: segmentKeys.filterCounts(applied?.run ?? 0, applied?.rules ?? null),
    enabled: applied !== null,
    queryFn: () =>
      unwrap(
        api.POST('/v1/segments/filter-counts', {
          body: { rules: rulesBody((applied as AppliedFilters).rules) },
        }),
      ),
    staleTime: Infinity,
  });
  const current =
    applied !== null && query.data !== undefined && sameRules(applied.rules, draft)
      ? filterCountsOf(query.data)
      : undefined;
  return { counts: current, error: query.error, isFetching: query.isFetching };
}

function sameRules(a: SegmentRules, b: SegmentRules): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export type { FilterCounts };
