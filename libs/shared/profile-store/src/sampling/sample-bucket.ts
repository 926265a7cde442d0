import { createHash } from 'node:crypto';

/** How many sample buckets a workspace's users are spread over (`sampleBucket` is 0–99). */
export const SAMPLE_BUCKETS = 100;

/**
 * A user's sample bucket: SHA-256 of (workspaceId, userId), its first 32 bits modulo 100.
 * Stable (the same pair always gives the same bucket, on every process and version) and
 * uniform, so a bucket is a random 1% slice of a workspace's users; stored as the top-level
 * field `sampleBucket` on the user's profile and on each of the user's events, so that one
 * bucket is a complete slice of users with their events, selected by top-level equality
 * (which FerretDB pushes down to PostgreSQL). The bias of `2^32 mod 100` is below 1e-8.
 */
export function sampleBucket(workspaceId: string, userId: string): number {
  // A workspace id never contains NUL, so the pair is unambiguous.
  const digest = createHash('sha256').update(workspaceId).update('\0').update(userId).digest();
  return digest.readUInt32BE(0) % SAMPLE_BUCKETS;
}
