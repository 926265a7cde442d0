import type { UserProfileView } from '@seg/contracts';
import type { ProfileDocument } from '@seg/segment-engine';

/** Dates as ISO strings, nested values kept: what the API shows of a profile. */
export function toJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]));
  }
  return value;
}

export function profileView(profile: ProfileDocument): UserProfileView {
  return {
    userId: profile.userId,
    name: profile.name ?? null,
    email: profile.email ?? null,
    createdAt: profile.createdAt.toISOString(),
    lastActivityAt: profile.lastActivityAt.toISOString(),
    sessions: profile.sessions,
    tags: profile.tags ?? [],
    custom: toJson(profile.custom ?? {}) as Record<string, unknown>,
    interactions: toJson(profile.interactions ?? []) as unknown[],
    experiences: profile.experiences ?? { seen: [], completed: [], answers: [] },
  };
}
