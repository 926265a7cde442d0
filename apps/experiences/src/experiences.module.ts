import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AudienceSegmentsValidator } from './experiences/audience-segments.validator';
import { ExperienceChanges } from './experiences/experience-changes';
import { ExperienceRepository } from './experiences/experience.repository';
import { EXPERIENCE_MODEL, ExperienceSchema } from './experiences/experience.schema';
import { ExperiencesHandler } from './experiences/experiences.handler';
import { InteractionRepository } from './interactions/interaction.repository';
import { INTERACTION_MODEL, InteractionSchema } from './interactions/interaction.schema';
import { InteractionsHandler } from './interactions/interactions.handler';
import { SegmentUsageHandler } from './segment-usage/segment-usage.handler';
import { MembershipCache } from './targeting/membership.cache';
import { PublishedExperiencesCache } from './targeting/published-experiences.cache';
import { TargetingHandler } from './targeting/targeting.handler';
import { USE_CASES } from './use-cases';

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
    ...USE_CASES,
  ],
})
export class ExperiencesModule {}
