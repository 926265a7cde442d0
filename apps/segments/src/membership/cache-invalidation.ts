import { Injectable, OnModuleInit } from '@nestjs/common';
import { BusBroadcast } from '@seg/platform';
import { CompiledSegments } from './compiled-segments';
import { UserSnapshotCache } from './user-snapshot-cache';

/**
 * Keeps this instance's in-memory copies fresh: every instance hears every event
 * (BusBroadcast), so an edit made through any instance, or any write to a user,
 * reaches all caches at once.
 */
@Injectable()
export class CacheInvalidation implements OnModuleInit {
  constructor(
    private readonly broadcast: BusBroadcast,
    private readonly compiled: CompiledSegments,
    private readonly users: UserSnapshotCache,
  ) {}

  onModuleInit(): void {
    this.broadcast.on('segment.updated', (event) => this.compiled.invalidate(event.workspaceId));
    this.broadcast.on('segment.deleted', (event) => this.compiled.invalidate(event.workspaceId));
    this.broadcast.on('user.updated', (event) =>
      this.users.invalidate(event.workspaceId, event.userId),
    );
    this.broadcast.on('profiles.synced', (event) =>
      this.users.invalidateWorkspace(event.workspaceId),
    );
    this.broadcast.onReconnect(() => {
      this.users.clear();
      this.compiled.invalidateAll();
    });
  }
}
