import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { ExperienceResponse } from '../../../api/paths';
import { bodyOf, type ExperienceDraft } from '../experience-draft';
import { experienceKeys } from '../experience-query-keys';

export const EXPERIENCES_PAGE_SIZE = 50;

/** One page of `GET /v1/experiences` (cursor paging). */
export function useExperiencePage(cursor: string | null) {
  return useQuery({
    queryKey: experienceKeys.list(cursor),
    queryFn: () =>
      unwrap(
        api.GET('/v1/experiences', {
          params: { query: { limit: EXPERIENCES_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

export function useExperience(id: string) {
  return useQuery({
    queryKey: experienceKeys.detail(id),
    queryFn: () => unwrap(api.GET('/v1/experiences/{id}', { params: { path: { id } } })),
  });
}

/** `GET /v1/experiences/:id/stats`: users who saw, completed, answered; answers per question. */
export function useExperienceStats(id: string) {
  return useQuery({
    queryKey: experienceKeys.stats(id),
    queryFn: () => unwrap(api.GET('/v1/experiences/{id}/stats', { params: { path: { id } } })),
  });
}

/** Create (no id) or update; every experience query is refreshed afterwards. */
export function useSaveExperience(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: ExperienceDraft) =>
      id === undefined
        ? unwrap(api.POST('/v1/experiences', { body: bodyOf(draft) }))
        : unwrap(
            api.PUT('/v1/experiences/{id}', { params: { path: { id } }, body: bodyOf(draft) }),
          ),
    onSuccess: (experience) => afterChange(queryClient, experience),
  });
}

/** Publish or unpublish (status `published` / `draft`). */
export function useChangeStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (to: 'publish' | 'unpublish') =>
      to === 'publish'
        ? unwrap(api.POST('/v1/experiences/{id}/publish', { params: { path: { id } } }))
        : unwrap(api.POST('/v1/experiences/{id}/unpublish', { params: { path: { id } } })),
    onSuccess: (experience) => afterChange(queryClient, experience),
  });
}

function afterChange(
  queryClient: ReturnType<typeof useQueryClient>,
  experience: ExperienceResponse,
) {
  queryClient.setQueryData(experienceKeys.detail(experience.id), experience);
  // The segments' "used by" changes with an audience.
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: experienceKeys.all }),
    queryClient.invalidateQueries({ queryKey: ['segments'] }),
  ]);
}
