import { Injectable } from '@nestjs/common';
import type { EventDocument, ProfileDocument } from '@seg/segment-engine';
import type { EventKey } from '../reads/member-store';

/**
 * How long a user's data may be reused without an invalidating event: a safety net only,
 * since every write path announces itself (see the class comment).
 */
export const USER_SNAPSHOT_TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;

interface Snapshot {
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
  private readonly entries = new Map<string, Snapshot>();
  private readonly invalidatedAt = new Map<string, number>();
  private readonly workspaceInvalidatedAt = new Map<string, number>();
  private clearedAt = 0;

  get(workspaceId: string, userId: string, now = Date.now()): Snapshot | undefined {
    const key = `${workspaceId}/${userId}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.loadedAt > USER_SNAPSHOT_TTL_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Stores what a read that started at `readStartedAt` found, unless invalidated since. */
  put(
    workspaceId: string,
    userId: string,
    readStartedAt: number,
    profile: ProfileDocument | null,
    events: Map<string, EventDocument[]>,
  ): void {
    const key = `${workspaceId}/${userId}`;
    if ((this.invalidatedAt.get(key) ?? 0) >= readStartedAt) return;
    if (this.clearedAt >= readStartedAt) return;
    if ((this.workspaceInvalidatedAt.get(workspaceId) ?? 0) >= readStartedAt) return;
    const existing = this.entries.get(key);
    if (existing && existing.loadedAt <= readStartedAt) {
      // Same data generation: merge the event keys read now into the entry.
      for (const [id, list] of events) existing.events.set(id, list);
      existing.profile = profile;
      return;
    }
    this.entries.delete(key);
    this.entries.set(key, { profile, events, loadedAt: readStartedAt });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  invalidate(workspaceId: string, userId: string, now = Date.now()): void {
    const key = `${workspaceId}/${userId}`;
    this.entries.delete(key);
    this.invalidatedAt.set(key, now);
    // Marks only matter for reads in flight; forget old ones.
    if (this.invalidatedAt.size > MAX_ENTRIES) {
      for (const [markKey, at] of this.invalidatedAt) {
        if (now - at > USER_SNAPSHOT_TTL_MS) this.invalidatedAt.delete(markKey);
      }
    }
  }

  /** Drops every user of the workspace (bulk writes that name no single user). */
  invalidateWorkspace(workspaceId: string, now = Date.now()): void {
    const prefix = `${workspaceId}/`;
    for (const key of this.entries.keys()) {
      if (key.startsWith(prefix)) this.entries.delete(key);
    }
    this.workspaceInvalidatedAt.set(workspaceId, now);
  }

  /** Drops everything (invalidations may have been missed). */
  clear(now = Date.now()): void {
    this.entries.clear();
    this.clearedAt = now;
  }
}
