import { Controller, OnModuleInit } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { BusBroadcast, HandleRequest } from '@seg/platform';
import { ListTargetedExperiencesUseCase } from './list-targeted-experiences/list-targeted-experiences.usecase';
import { PublishedExperiencesCache } from './published-experiences.cache';

@Controller()
export class TargetingHandler implements OnModuleInit {
  constructor(
    private readonly listTargeted: ListTargetedExperiencesUseCase,
    private readonly cache: PublishedExperiencesCache,
    private readonly broadcast: BusBroadcast,
  ) {}

  /** Writes made through any instance reach every instance's cache. */
  onModuleInit(): void {
    this.broadcast.on('experience.updated', (event) => this.cache.invalidate(event.workspaceId));
    this.broadcast.onReconnect(() => this.cache.clear());
  }

  @HandleRequest('experiences.targeting.list')
  list(payload: ParsedRequestOf<'experiences.targeting.list'>) {
    return this.listTargeted.execute(payload);
  }
}
