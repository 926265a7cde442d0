import { createHash } from 'node:crypto';

/** Revalidate every time (an edit must reach targeting within 1 s); never in shared caches. */
export const TARGETING_CACHE_CONTROL = 'private, no-cache';

/** A strong tag over the answer's exact JSON: equal answers, equal tags. */
export function answerEtag(answer: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(answer)).digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

/** `If-None-Match` (a list of tags, weak or strong, or `*`) names this tag (weak comparison). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
