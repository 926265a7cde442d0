import { Module } from '@nestjs/common';
import { ExperiencesController } from './experiences.controller';
import { InteractionsController } from './interactions.controller';
import { TargetingController } from './targeting.controller';

/** HTTP front of the experiences service: experiences, interactions, targeting. */
@Module({
  controllers: [ExperiencesController, InteractionsController, TargetingController],
})
export class ExperiencesGatewayModule {}
