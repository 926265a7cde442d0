import type { SegmentRules } from '@seg/segment-engine';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../../api/client';
import { type PreviewResponse, rulesBody } from '../../../api/paths';
import type { FieldIssue } from '../filter-builder/error-paths';
import { segmentKeys } from '../segment-query-keys';

export const PREVIEW_PAGE_SIZE = 20;

/** What "Apply filters" last sent: the rules and a run number (applying again refreshes). */
export interface AppliedFilters {
  rules: SegmentRules;
  run: number;
}

/**
 * `POST /v1/segments/preview` for unsaved rules: the count and the matching users, a page at a
 * time (`nextCursor`). Nothing runs until filters are applied; it never saves.
 */
export function usePreview(applied: AppliedFilters | null) {
  return useInfiniteQuery({
    queryKey: [...segmentKeys.all, 'preview', applied?.run ?? 0, applied?.rules ?? null],
    enabled: applied !== null,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }): Promise<PreviewResponse> =>
      unwrap(
        api.POST('/v1/segments/preview', {
          body: {
            rules: rulesBody((applied as AppliedFilters).rules),
            limit: PREVIEW_PAGE_SIZE,
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor,
    staleTime: Infinity,
  });
}

/**
 * The background count of a preview whose first answer was an estimate (`exact: false`,
 * `countId`): polled each second until it is exact.
 */
export function usePreviewCount(countId: string | undefined) {
  return useQuery({
    queryKey: segmentKeys.previewCount(countId ?? ''),
    enabled: countId !== undefined,
    queryFn: () =>
      unwrap(
        api.GET('/v1/segments/counts/{countId}', {
          params: { path: { countId: countId as string } },
        }),
      ),
    refetchInterval: (query) =>
      query.state.data && (query.state.data.exact || query.state.data.status !== 'running')
        ? false
        : 1_000,
  });
}

/** The 400 `details` of a failed call, for the fields and filters they name. */
export function issuesOf(error: unknown): FieldIssue[] {
  return error instanceof ApiError && error.status === 400
    ? error.details.map((detail) => ({ path: detail.path, message: detail.message }))
    : [];
}
