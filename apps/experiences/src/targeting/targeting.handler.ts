import { Controller, OnModuleInit } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { BusBroadcast, HandleRequest } from '@seg/platform';
import { ListTargetedExperiencesUseCase } from './list-targeted-experiences/list-targeted-experiences.usecase';
import { MembershipCache } from './membership.cache';
import { PublishedExperiencesCache } from './published-experiences.cache';

@Controller()
export class TargetingHandler implements OnModuleInit {
  constructor(
    private readonly listTargeted: ListTargetedExperiencesUseCase,
    private readonly cache: PublishedExperiencesCache,
    private readonly memberships: MembershipCache,
    private readonly broadcast: BusBroadcast,
  ) {}

  /** Writes made through any instance reach every instance's caches. */
  onModuleInit(): void {
    const { broadcast, cache, memberships } = this;
    broadcast.on('experience.updated', (event) => cache.invalidate(event.workspaceId));
    broadcast.on('user.updated', (event) =>
      memberships.invalidateUser(event.workspaceId, event.userId),
    );
    broadcast.on('profiles.synced', (event) => memberships.invalidateWorkspace(event.workspaceId));
    broadcast.on('segment.updated', (event) => memberships.invalidateWorkspace(event.workspaceId));
    broadcast.on('segment.deleted', (event) => memberships.invalidateWorkspace(event.workspaceId));
    broadcast.onReconnect(() => {
      cache.clear();
      memberships.clear();
    });
  }

  @HandleRequest('experiences.targeting.list')
  list(payload: ParsedRequestOf<'experiences.targeting.list'>) {
    return this.listTargeted.execute(payload);
  }
}
