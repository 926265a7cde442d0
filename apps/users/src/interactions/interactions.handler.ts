import { Controller } from '@nestjs/common';
import type { InteractionRecordedEvent } from '@seg/contracts';
import { HandleEvent } from '@seg/platform';
import { ApplyInteractionUseCase } from './usecases/apply-interaction/apply-interaction.usecase';

/** Experience interactions reach the profile here (published by the experiences service). */
@Controller()
export class InteractionsHandler {
  constructor(private readonly applyInteraction: ApplyInteractionUseCase) {}

  @HandleEvent('interaction.recorded')
  onInteractionRecorded(event: InteractionRecordedEvent): Promise<void> {
    return this.applyInteraction.execute(event);
  }
}
