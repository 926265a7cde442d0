import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { type PreviewResponse, rulesBody, type SegmentListItem } from '../../../api/paths';
import { reachRules } from '../experience-draft';
import { experienceKeys } from '../experience-query-keys';

/**
 * Every segment of the workspace for the picker and the table's audience names
 * (`GET /v1/segments`, 1000 a page). A workspace has tens or hundreds of segments, not users.
 */
export function useAllSegments() {
  return useQuery({
    queryKey: experienceKeys.allSegments(),
    queryFn: async (): Promise<SegmentListItem[]> => {
      const all: SegmentListItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(
          api.GET('/v1/segments', { params: { query: { limit: 1000, cursor } } }),
        );
        all.push(...page.segments);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
    staleTime: 30_000,
  });
}

/** How many users an audience reaches: exact, or an estimate with its interval. */
export interface Reach {
  count: number;
  exact: boolean;
  interval?: [number, number];
}

/**
 * The users in at least one of the segments (`all`: every user): `POST /v1/segments/preview`
 * with an `or` of `segment` conditions (an empty `and` root for everyone). Only the count is
 * read (`limit: 1`); a big workspace may answer an estimate (`exact: false`).
 */
async function reachOf(segmentIds: readonly string[] | 'all'): Promise<Reach> {
  const rules =
    segmentIds === 'all'
      ? { type: 'group', operator: 'and', conditions: [] }
      : reachRules(segmentIds);
  const answer: PreviewResponse = await unwrap(
    api.POST('/v1/segments/preview', { body: { rules: rulesBody(rules as never), limit: 1 } }),
  );
  return {
    count: answer.count,
    exact: answer.exact !== false,
    ...(answer.interval ? { interval: answer.interval } : {}),
  };
}

const reachQuery = (segmentIds: readonly string[] | 'all') => ({
  queryKey: experienceKeys.reach(segmentIds),
  queryFn: () => reachOf(segmentIds),
  staleTime: 15_000,
});

/** The reach of an audience; nothing is asked for an empty selection (it reaches nobody). */
export function useReach(segmentIds: readonly string[] | 'all', enabled = true) {
  return useQuery({
    ...reachQuery(segmentIds),
    enabled: enabled && (segmentIds === 'all' || segmentIds.length > 0),
  });
}

/**
 * What each selected segment adds: the reach of all minus the reach without it (only asked
 * with two or more segments). Index i answers for `segmentIds[i]`.
 */
export function useReachWithout(segmentIds: readonly string[]) {
  return useQueries({
    queries:
      segmentIds.length < 2
        ? []
        : segmentIds.map((id) => reachQuery(segmentIds.filter((other) => other !== id))),
  });
}
