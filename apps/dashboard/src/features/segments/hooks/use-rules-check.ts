import { useDebouncedValue } from '@mantine/hooks';
import type { SegmentRules } from '@seg/segment-engine';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { type LintWarning, rulesBody } from '../../../api/paths';
import { segmentKeys } from '../segment-query-keys';

const NO_WARNINGS: LintWarning[] = [];

/**
 * `POST /v1/segments/validate` on the draft rules, a moment after the last edit: the lint's
 * warnings (contradictions, duplicates, values no user has…) to show beside the filters.
 * Errors are left to Save and Apply filters, which name them already.
 */
export function useRulesCheck(rules: SegmentRules, segmentId?: string): LintWarning[] {
  const [settled] = useDebouncedValue(rules, 400);
  const check = useQuery({
    queryKey: segmentKeys.rulesCheck(segmentId, settled),
    queryFn: () =>
      unwrap(
        api.POST('/v1/segments/validate', {
          body: { rules: rulesBody(settled), ...(segmentId ? { segmentId } : {}) },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return check.data?.warnings ?? NO_WARNINGS;
}
