import { Controller } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { HandleRequest } from '@seg/platform';
import { GetExperienceStatsUseCase } from './usecases/get-experience-stats/get-experience-stats.usecase';
import { RecordInteractionUseCase } from './usecases/record-interaction/record-interaction.usecase';

@Controller()
export class InteractionsHandler {
  constructor(
    private readonly recordInteraction: RecordInteractionUseCase,
    private readonly experienceStats: GetExperienceStatsUseCase,
  ) {}

  @HandleRequest('experiences.interaction.record')
  record(payload: ParsedRequestOf<'experiences.interaction.record'>) {
    return this.recordInteraction.execute(payload);
  }

  @HandleRequest('experiences.experience.stats')
  stats(payload: ParsedRequestOf<'experiences.experience.stats'>) {
    return this.experienceStats.execute(payload);
  }
}
