import { Controller } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { HandleRequest } from '@seg/platform';
import { RecordInteractionUseCase } from './usecases/record-interaction/record-interaction.usecase';

@Controller()
export class InteractionsHandler {
  constructor(private readonly recordInteraction: RecordInteractionUseCase) {}

  @HandleRequest('experiences.interaction.record')
  record(payload: ParsedRequestOf<'experiences.interaction.record'>) {
    return this.recordInteraction.execute(payload);
  }
}
