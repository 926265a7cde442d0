import { useDebouncedValue } from '@mantine/hooks';
import type { SegmentRules } from '@seg/segment-engine';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { rulesBody, type SegmentImpact } from '../../../api/paths';
import { segmentKeys } from '../segment-query-keys';

/**
 * `POST /v1/segments/:id/impact` on the draft rules of a saved segment, a moment after the
 * last edit (debounced like the rules check): who would join and leave, and each experience's
 * reach before → after. Only for settled rules that differ from the saved ones (`saved`);
 * invalid drafts answer 400, which Save and Apply filters already show: no impact then.
 */
export function useSegmentImpact(
  segmentId: string | undefined,
  rules: SegmentRules,
  saved: SegmentRules | undefined,
): { impact: SegmentImpact | undefined; loading: boolean } {
  const [settled] = useDebouncedValue(rules, 400);
  const enabled =
    segmentId !== undefined &&
    saved !== undefined &&
    JSON.stringify(settled) !== JSON.stringify(saved);
  const query = useQuery({
    queryKey: segmentKeys.impact(segmentId ?? '', settled),
    queryFn: () =>
      unwrap(
        api.POST('/v1/segments/{id}/impact', {
          params: { path: { id: segmentId! } },
          body: { rules: rulesBody(settled) },
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: false,
  });
  return {
    impact: enabled && !query.isError ? query.data : undefined,
    loading: settled !== rules || (enabled && query.isFetching),
  };
}
