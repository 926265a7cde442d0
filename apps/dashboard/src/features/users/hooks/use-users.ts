import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const USERS_PAGE_SIZE = 50;

export const userKeys = {
  all: ['users'] as const,
  page: (cursor: string | null) => [...userKeys.all, 'page', cursor] as const,
  profile: (userId: string) => [...userKeys.all, 'profile', userId] as const,
  events: (userId: string) => [...userKeys.all, 'events', userId] as const,
  explain: (segmentId: string, userId: string) =>
    [...userKeys.all, 'explain', segmentId, userId] as const,
};

/** One page of `GET /v1/users`, newest activity first: the table never loads every user. */
export function useUserPage(cursor: string | null) {
  return useQuery({
    queryKey: userKeys.page(cursor),
    queryFn: () =>
      unwrap(
        api.GET('/v1/users', {
          params: { query: { limit: USERS_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

export function useUserProfile(userId: string) {
  return useQuery({
    queryKey: userKeys.profile(userId),
    queryFn: () => unwrap(api.GET('/v1/users/{userId}', { params: { path: { userId } } })),
  });
}

/** The user's most recent events, newest first (`GET /v1/users/:userId/events`). */
export function useUserEvents(userId: string) {
  return useQuery({
    queryKey: userKeys.events(userId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/users/{userId}/events', {
          params: { path: { userId }, query: { limit: 20 } },
        }),
      ),
  });
}

/** Why the user is in a segment: the explanation tree of `GET /v1/segments/:id/users/:userId`. */
export function useMembershipExplanation(segmentId: string | null, userId: string) {
  return useQuery({
    queryKey: userKeys.explain(segmentId ?? '', userId),
    enabled: segmentId !== null,
    queryFn: () =>
      unwrap(
        api.GET('/v1/segments/{id}/users/{userId}', {
          params: { path: { id: segmentId as string, userId } },
        }),
      ),
  });
}

/** Add or remove tags; the profile shows the answer. */
export function useEditTags(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ add, tags }: { add: boolean; tags: string[] }) =>
      add
        ? unwrap(
            api.POST('/v1/users/{userId}/tags', { params: { path: { userId } }, body: { tags } }),
          )
        : unwrap(
            api.DELETE('/v1/users/{userId}/tags', { params: { path: { userId } }, body: { tags } }),
          ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.profile(userId) }),
  });
}
