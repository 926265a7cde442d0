import { Controller } from '@nestjs/common';
import type { EventOf, ParsedRequestOf } from '@seg/contracts';
import { HandleEvent, HandleRequest } from '@seg/platform';
import { ListTargetedExperiencesUseCase } from './list-targeted-experiences/list-targeted-experiences.usecase';
import { PublishedExperiencesCache } from './published-experiences.cache';

@Controller()
export class TargetingHandler {
  constructor(
    private readonly listTargeted: ListTargetedExperiencesUseCase,
    private readonly cache: PublishedExperiencesCache,
  ) {}

  @HandleRequest('experiences.targeting.list')
  list(payload: ParsedRequestOf<'experiences.targeting.list'>) {
    return this.listTargeted.execute(payload);
  }

  /** Writes made by another instance reach this one through the event. */
  @HandleEvent('experience.updated')
  onExperienceUpdated(event: EventOf<'experience.updated'>): void {
    this.cache.invalidate(event.workspaceId);
  }
}
