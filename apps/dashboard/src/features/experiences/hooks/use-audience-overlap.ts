import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { AudienceOverlap } from '../../../api/paths';
import type { AudienceDraft } from '../experience-draft';
import { experienceKeys } from '../experience-query-keys';

/** How often an answer that is still `computing` (a segment being recomputed) is asked again. */
const WHILE_COMPUTING_MS = 2_000;

/**
 * What each selected segment adds and the overlap with the other published experiences
 * (`POST /v1/experiences/audience-overlap`, from the membership read model), for the audience
 * as edited (a draft is fine; `experienceId` leaves the experience itself out). Asked again
 * when the selection changes (the previous answer stays on screen meanwhile) and every 2 s
 * while a segment is being recomputed. Nothing is asked for an empty selection.
 */
export function useAudienceOverlap(audience: AudienceDraft, experienceId?: string) {
  return useQuery({
    queryKey: experienceKeys.overlap(audience, experienceId),
    queryFn: (): Promise<AudienceOverlap> =>
      unwrap(
        api.POST('/v1/experiences/audience-overlap', {
          body: {
            audience:
              audience.mode === 'all'
                ? { mode: 'all' }
                : { mode: 'segments', segmentIds: [...audience.segmentIds] },
            ...(experienceId ? { experienceId } : {}),
          },
        }),
      ),
    enabled: audience.mode === 'all' || audience.segmentIds.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    refetchInterval: (query) =>
      query.state.data && query.state.data.status !== 'ready' ? WHILE_COMPUTING_MS : false,
  });
}
