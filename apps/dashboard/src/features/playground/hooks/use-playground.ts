import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Client, type TargetedExperience } from '@segplatform/sdk';
import { useMemo } from 'react';
import { api, unwrap } from '../../../api/client';

export const playgroundKeys = {
  all: ['playground'] as const,
  keys: () => [...playgroundKeys.all, 'keys'] as const,
  targeted: (userId: string) => [...playgroundKeys.all, 'targeted', userId] as const,
  reasons: (experienceId: string, userId: string) =>
    [...playgroundKeys.all, 'reasons', experienceId, userId] as const,
};

/** The workspace's public key (Settings → API keys; admins only): what the SDK sends with. */
export function usePublicKey() {
  return useQuery({
    queryKey: playgroundKeys.keys(),
    queryFn: () => unwrap(api.GET('/v1/workspaces/current/keys')),
    select: (keys) => keys.publicKey,
  });
}

/**
 * The SDK as the customer's app runs it, with the public key, against this gateway. A queue
 * in memory: test messages leave at once (`flush`) and nothing stays in this browser.
 */
export function usePlaygroundSdk(publicKey: string | null | undefined): Client | null {
  return useMemo(
    () =>
      publicKey
        ? new Client(
            { writeKey: publicKey, host: window.location.origin, maxRetries: 2 },
            { load: () => [], save: () => undefined },
          )
        : null,
    [publicKey],
  );
}

/** What the user is targeted by now: the SDK's own call (`GET /v1/users/:userId/experiences`). */
export function useTargeted(sdk: Client | null, userId: string) {
  return useQuery({
    queryKey: playgroundKeys.targeted(userId),
    enabled: sdk !== null && userId !== '',
    queryFn: () => (sdk as Client).experiences({ userId }),
  });
}

export interface SegmentReason {
  segmentId: string;
  name: string;
  member: boolean;
  explanation: Record<string, unknown>;
  nextChangeAt: string | null;
}

export interface ExperienceReasons {
  experience: TargetedExperience;
  /** `all`: every user; `segments`: the audience's segments, each with this user's answer. */
  mode: 'all' | 'segments';
  segments: SegmentReason[];
}

/** For each targeted experience, its audience and why each of its segments lets the user in. */
export function useReasons(experiences: readonly TargetedExperience[], userId: string) {
  return useQueries({
    queries: experiences.map((experience) => ({
      queryKey: playgroundKeys.reasons(experience.id, userId),
      queryFn: async (): Promise<ExperienceReasons> => {
        const full = await unwrap(
          api.GET('/v1/experiences/{id}', { params: { path: { id: experience.id } } }),
        );
        if (full.audience.mode === 'all') return { experience, mode: 'all', segments: [] };
        const segments = await Promise.all(
          full.audience.segmentIds.map(async (segmentId) => {
            const [segment, explained] = await Promise.all([
              unwrap(api.GET('/v1/segments/{id}', { params: { path: { id: segmentId } } })),
              unwrap(
                api.GET('/v1/segments/{id}/users/{userId}', {
                  params: { path: { id: segmentId, userId } },
                }),
              ),
            ]);
            return {
              segmentId,
              name: segment.name,
              member: explained.member,
              explanation: explained.explanation,
              nextChangeAt: explained.nextChangeAt ?? null,
            };
          }),
        );
        return { experience, mode: 'segments', segments };
      },
    })),
  });
}

export type TestMessage =
  { kind: 'track'; event: string } | { kind: 'identify'; trait: string; value: string };

/** Sends a test identify or track for the user with the SDK, then asks targeting again. */
export function useSendTest(sdk: Client | null, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (message: TestMessage) => {
      if (!sdk) throw new Error('No public key: the SDK cannot send');
      if (message.kind === 'track') sdk.track(message.event, { playground: true }, { userId });
      else sdk.identify(userId, { [message.trait]: message.value });
      await sdk.flush();
    },
    // Ingestion is asynchronous: asked again now and shortly after.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: playgroundKeys.all });
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: playgroundKeys.all }), 1_500);
    },
  });
}
