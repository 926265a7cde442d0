import { Controller, OnModuleInit } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { BusBroadcast, dropAnswersOnAudienceChanges, HandleRequest } from '@seg/platform';
import { ListTargetedExperiencesUseCase } from './usecases/list-targeted-experiences/list-targeted-experiences.usecase';
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
    this.broadcast.on('experience.updated', (event) => this.cache.invalidate(event.workspaceId));
    this.broadcast.onReconnect(() => this.cache.clear());
    dropAnswersOnAudienceChanges(this.broadcast, this.memberships);
  }

  @HandleRequest('experiences.targeting.list')
  list(payload: ParsedRequestOf<'experiences.targeting.list'>) {
    return this.listTargeted.execute(payload);
  }
}
