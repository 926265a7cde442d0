import type { SegmentRules } from '@seg/segment-engine';
import {
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { type SegmentListItem, rulesBody } from '../../../api/paths';
import { segmentKeys } from '../segment-query-keys';

export const SEGMENTS_PAGE_SIZE = 50;

/** One page of `GET /v1/segments` (cursor paging: the table never loads every segment). */
export function useSegmentPage(cursor: string | null) {
  return useQuery({
    queryKey: segmentKeys.list(cursor),
    queryFn: () =>
      unwrap(
        api.GET('/v1/segments', {
          params: { query: { limit: SEGMENTS_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

/** A segment's size from the membership read model (`GET /v1/segments/:id/count`). */
export function useSegmentCount(segmentId: string) {
  return useQuery({
    queryKey: segmentKeys.count(segmentId),
    queryFn: () =>
      unwrap(api.GET('/v1/segments/{id}/count', { params: { path: { id: segmentId } } })),
    staleTime: 30_000,
  });
}

/** Who leaves and who joins by time alone in 24 h and 7 days (`GET /v1/segments/:id/forecast`). */
export function useSegmentForecast(segmentId: string | undefined) {
  return useQuery({
    queryKey: segmentKeys.forecast(segmentId ?? ''),
    enabled: segmentId !== undefined,
    queryFn: () =>
      unwrap(
        api.GET('/v1/segments/{id}/forecast', { params: { path: { id: segmentId as string } } }),
      ),
    staleTime: 60_000,
  });
}

export const HISTORY_PAGE_SIZE = 20;

/**
 * `GET /v1/segments/:id/history`: sizes per day and edits (the first page's), and the
 * entered/exited changes a page at a time (Load more).
 */
export function useSegmentHistory(segmentId: string) {
  return useInfiniteQuery({
    queryKey: segmentKeys.history(segmentId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/segments/{id}/history', {
          params: {
            path: { id: segmentId },
            query: { limit: HISTORY_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor,
    staleTime: 30_000,
  });
}

/** Account id → name of the workspace's members, to say who saved each version. */
export function useMemberNames() {
  return useQuery({
    queryKey: segmentKeys.members(),
    queryFn: () => unwrap(api.GET('/v1/team/members')),
    select: (answer) =>
      new Map(answer.items.map((member) => [member.accountId, member.name || member.email])),
    staleTime: 60_000,
  });
}

export function useSegment(segmentId: string) {
  return useQuery({
    queryKey: segmentKeys.detail(segmentId),
    queryFn: () => unwrap(api.GET('/v1/segments/{id}', { params: { path: { id: segmentId } } })),
  });
}

/**
 * Who uses a segment (`usedBy` experiences, `referencedBy` segments): only the list answers it,
 * so its pages are read (1000 segments each) until the segment shows.
 */
export function useSegmentUsage(segmentId: string | undefined) {
  return useQuery({
    queryKey: segmentKeys.usage(segmentId ?? ''),
    enabled: segmentId !== undefined,
    queryFn: async (): Promise<Pick<SegmentListItem, 'usedBy' | 'referencedBy'>> => {
      let cursor: string | undefined;
      do {
        const page = await unwrap(
          api.GET('/v1/segments', { params: { query: { limit: 1000, cursor } } }),
        );
        const found = page.segments.find((segment) => segment.id === segmentId);
        if (found) return { usedBy: found.usedBy, referencedBy: found.referencedBy };
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return { usedBy: [], referencedBy: [] };
    },
  });
}

/** The experiences with these ids (`GET /v1/experiences/:id` each), for names and audiences. */
export function useExperiences(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: segmentKeys.experience(id),
      queryFn: () => unwrap(api.GET('/v1/experiences/{id}', { params: { path: { id } } })),
    })),
  });
}

export interface SegmentInput {
  name: string;
  description: string;
  rules: SegmentRules;
}

function body(input: SegmentInput) {
  return {
    name: input.name,
    ...(input.description !== '' ? { description: input.description } : {}),
    rules: rulesBody(input.rules),
  };
}

/** Create (no id) or update a segment; every segment query is refreshed afterwards. */
export function useSaveSegment(segmentId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SegmentInput) =>
      segmentId === undefined
        ? unwrap(api.POST('/v1/segments', { body: body(input) }))
        : unwrap(
            api.PUT('/v1/segments/{id}', {
              params: { path: { id: segmentId } },
              body: body(input),
            }),
          ),
    onSuccess: (segment) => {
      queryClient.setQueryData(segmentKeys.detail(segment.id), segment);
      return queryClient.invalidateQueries({ queryKey: segmentKeys.all });
    },
  });
}

/**
 * The segments that could take a deleted one's place in its experiences (the first 1000 of the
 * workspace, the deleted one left out), loaded only while `enabled`.
 */
export function useReplacementChoices(segmentId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: segmentKeys.list('replacements'),
    enabled: enabled && segmentId !== undefined,
    queryFn: () => unwrap(api.GET('/v1/segments', { params: { query: { limit: 1000 } } })),
    select: (page) => page.segments.filter((segment) => segment.id !== segmentId),
  });
}

/**
 * Delete; `confirm` detaches it from the experiences using it, `replaceWith` puts that segment
 * in its place there (api.md, segments.md).
 */
export function useDeleteSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      confirm,
      replaceWith,
    }: {
      id: string;
      confirm: boolean;
      replaceWith?: string;
    }) =>
      unwrap(
        api.DELETE('/v1/segments/{id}', {
          params: {
            path: { id },
            query: {
              ...(confirm ? { confirm: 'true' as const } : {}),
              ...(replaceWith ? { replaceWith } : {}),
            },
          },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: segmentKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['experiences'] }),
      ]),
  });
}
