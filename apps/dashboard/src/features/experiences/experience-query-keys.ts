import type { AudienceDraft } from './experience-draft';

/**
 * The experiences feature's TanStack Query keys: one factory. `['experiences', 'detail', id]`
 * is also what the segments feature reads (and invalidates after a confirmed delete).
 */
export const experienceKeys = {
  all: ['experiences'] as const,
  list: (cursor: string | null) => [...experienceKeys.all, 'list', cursor] as const,
  detail: (id: string) => [...experienceKeys.all, 'detail', id] as const,
  stats: (id: string) => [...experienceKeys.all, 'stats', id] as const,
  /** Reach depends on segments (their rules, deletions): kept under the segments' prefix. */
  reach: (segmentIds: readonly string[] | 'all') =>
    [
      'segments',
      'experience-reach',
      segmentIds === 'all' ? 'all' : [...segmentIds].sort(),
    ] as const,
  /** Overlap depends on memberships and segments: under the segments' prefix too. */
  overlap: (audience: AudienceDraft, experienceId: string | undefined) =>
    [
      'segments',
      'experience-overlap',
      audience.mode === 'all' ? 'all' : [...audience.segmentIds].sort(),
      experienceId ?? null,
    ] as const,
  allSegments: () => ['segments', 'experience-picker'] as const,
};
