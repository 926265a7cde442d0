import { Module } from '@nestjs/common';
import { LoadShedder } from '../limits/load-shedding';
import { AudienceOverlapController } from './audience-overlap.controller';
import { ExperiencesController } from './experiences.controller';
import { InteractionsController } from './interactions.controller';
import { TargetingAnswersModule } from './targeting-answers.module';
import { TargetingController } from './targeting.controller';

/** HTTP front of the experiences service: experiences, interactions, targeting. */
@Module({
  controllers: [
    AudienceOverlapController,
    ExperiencesController,
    InteractionsController,
    TargetingController,
  ],
  imports: [TargetingAnswersModule],
  providers: [LoadShedder],
})
export class ExperiencesGatewayModule {}
