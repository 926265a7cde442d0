import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AudienceSegmentsValidator } from './experiences/audience-segments.validator';
import { ChangeExperienceStatusUseCase } from './experiences/usecases/change-experience-status/change-experience-status.usecase';
import { CreateExperienceUseCase } from './experiences/usecases/create-experience/create-experience.usecase';
import { DeleteExperienceUseCase } from './experiences/usecases/delete-experience/delete-experience.usecase';
import { ExperienceChanges } from './experiences/experience-changes';
import { ExperienceRepository } from './experiences/experience.repository';
import { EXPERIENCE_MODEL, ExperienceSchema } from './experiences/experience.schema';
import { ExperiencesHandler } from './experiences/experiences.handler';
import { GetExperienceUseCase } from './experiences/usecases/get-experience/get-experience.usecase';
import { ListExperiencesUseCase } from './experiences/usecases/list-experiences/list-experiences.usecase';
import { UpdateExperienceUseCase } from './experiences/usecases/update-experience/update-experience.usecase';
import { InteractionRepository } from './interactions/interaction.repository';
import { INTERACTION_MODEL, InteractionSchema } from './interactions/interaction.schema';
import { InteractionsHandler } from './interactions/interactions.handler';
import { RecordInteractionUseCase } from './interactions/usecases/record-interaction/record-interaction.usecase';
import { DetachSegmentUseCase } from './segment-usage/usecases/detach-segment/detach-segment.usecase';
import { ListSegmentUsageUseCase } from './segment-usage/usecases/list-segment-usage/list-segment-usage.usecase';
import { SegmentUsageHandler } from './segment-usage/segment-usage.handler';
import { ListTargetedExperiencesUseCase } from './targeting/usecases/list-targeted-experiences/list-targeted-experiences.usecase';
import { MembershipCache } from './targeting/membership.cache';
import { PublishedExperiencesCache } from './targeting/published-experiences.cache';
import { TargetingHandler } from './targeting/targeting.handler';

/** Experiences, their audiences, interactions and targeting. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: EXPERIENCE_MODEL, schema: ExperienceSchema },
      { name: INTERACTION_MODEL, schema: InteractionSchema },
    ]),
  ],
  controllers: [ExperiencesHandler, InteractionsHandler, TargetingHandler, SegmentUsageHandler],
  providers: [
    ExperienceRepository,
    InteractionRepository,
    AudienceSegmentsValidator,
    ExperienceChanges,
    PublishedExperiencesCache,
    MembershipCache,
    CreateExperienceUseCase,
    ListExperiencesUseCase,
    GetExperienceUseCase,
    UpdateExperienceUseCase,
    DeleteExperienceUseCase,
    ChangeExperienceStatusUseCase,
    RecordInteractionUseCase,
    ListTargetedExperiencesUseCase,
    ListSegmentUsageUseCase,
    DetachSegmentUseCase,
  ],
})
export class ExperiencesModule {}
