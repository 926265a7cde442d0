import { Injectable } from '@nestjs/common';
import { InvalidatedCache } from '@seg/platform';
import type { EventDocument, ProfileDocument } from '@seg/segment-engine';
import type { EventKey } from '../reads/member-store';

/**
 * How long a user's data may be reused without an invalidating event: a safety net only,
 * since every write path announces itself (see the class comment).
 */
export const USER_SNAPSHOT_TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;

export interface Snapshot {
  profile: ProfileDocument | null;
  /** The user's events per `source\0name` key that has been read. */
  events: Map<string, EventDocument[]>;
  loadedAt: number;
}

export const eventKeyId = (key: EventKey) => `${key.source}\u0000${key.name}`;

/**
 * Targeting reads the same users on every page load: their profile and events are
 * kept in memory. Every instance hears every invalidation (BusBroadcast):
 * `user.updated` (ingestion, tags, interactions, erasure) drops a user at once and
 * `profiles.synced` (a vendor sync wrote a page) drops the workspace; a reconnect of
 * the broadcast drops everything. A read that started before an invalidation is not
 * cached, so a racing update is never hidden.
 */
@Injectable()
export class UserSnapshotCache {
  private readonly cache = new InvalidatedCache<Omit<Snapshot, 'loadedAt'>>({
    ttlMs: USER_SNAPSHOT_TTL_MS,
    maxEntries: MAX_ENTRIES,
  });

  get(workspaceId: string, userId: string, now = Date.now()): Snapshot | undefined {
    const entry = this.cache.get(workspaceId, userId, now);
    return entry && { ...entry.value, loadedAt: entry.loadedAt };
  }

  /** Stores what a read that started at `readStartedAt` found, unless invalidated since. */
  put(
    workspaceId: string,
    userId: string,
    readStartedAt: number,
    profile: ProfileDocument | null,
    events: Map<string, EventDocument[]>,
  ): void {
    const existing = this.cache.get(workspaceId, userId, readStartedAt);
    if (existing && existing.loadedAt <= readStartedAt) {
      // Same data generation: merge the event keys read now into the entry.
      const merged = new Map([...existing.value.events, ...events]);
      this.cache.put(workspaceId, userId, { profile, events: merged }, existing.loadedAt);
      return;
    }
    this.cache.put(workspaceId, userId, { profile, events }, readStartedAt);
  }

  invalidate(workspaceId: string, userId: string, now = Date.now()): void {
    this.cache.invalidate(workspaceId, userId, now);
  }

  /** Drops every user of the workspace (bulk writes that name no single user). */
  invalidateWorkspace(workspaceId: string, now = Date.now()): void {
    this.cache.invalidateScope(workspaceId, now);
  }

  /** Drops everything (invalidations may have been missed). */
  clear(now = Date.now()): void {
    this.cache.clear(now);
  }
}
