import { Controller } from '@nestjs/common';
import type { EventOf } from '@seg/contracts';
import { HandleEvent } from '@seg/platform';
import { MembershipFreshness } from '../membership/membership-freshness';
import { MembershipQueue } from './membership-queue';

/**
 * What keeps the read model current, heard once per deployment (durable queue, a failure is
 * redelivered): each change becomes a job of the segments worker.
 */
@Controller()
export class MembershipEvents {
  constructor(
    private readonly queue: MembershipQueue,
    private readonly freshness: MembershipFreshness,
  ) {}

  /** Marked here too (the broadcast marks every instance): the row must catch up first. */
  @HandleEvent('user.updated')
  async onUserUpdated(event: EventOf<'user.updated'>): Promise<void> {
    this.freshness.heardUsers(event.workspaceId, [event.userId], event.at);
    await this.queue.userChanged(event.workspaceId, event.userId, event.at);
  }

  /** Named users are re-evaluated; a sync that names none changed the whole workspace. */
  @HandleEvent('profiles.synced')
  async onProfilesSynced(event: EventOf<'profiles.synced'>): Promise<void> {
    if (event.userIds?.length)
      this.freshness.heardUsers(event.workspaceId, event.userIds, event.at);
    else this.freshness.heardWorkspace(event.workspaceId, event.at);
    if (event.userIds?.length) await this.queue.users(event.workspaceId, event.userIds, event.at);
    else await this.queue.recomputeWorkspace(event.workspaceId, event.at);
  }

  @HandleEvent('segment.updated')
  async onSegmentUpdated(event: EventOf<'segment.updated'>): Promise<void> {
    await this.queue.recomputeForSegment(event.workspaceId, event.segmentId, event.version);
  }

  @HandleEvent('segment.deleted')
  async onSegmentDeleted(event: EventOf<'segment.deleted'>): Promise<void> {
    await this.queue.recomputeForSegment(event.workspaceId, event.segmentId, 0);
  }
}
