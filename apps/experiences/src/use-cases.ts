import type { Type } from '@nestjs/common';
import { AudienceOverlapUseCase } from './experiences/usecases/audience-overlap/audience-overlap.usecase';
import { ChangeExperienceStatusUseCase } from './experiences/usecases/change-experience-status/change-experience-status.usecase';
import { CreateExperienceUseCase } from './experiences/usecases/create-experience/create-experience.usecase';
import { DeleteExperienceUseCase } from './experiences/usecases/delete-experience/delete-experience.usecase';
import { GetExperienceUseCase } from './experiences/usecases/get-experience/get-experience.usecase';
import { ListExperiencesUseCase } from './experiences/usecases/list-experiences/list-experiences.usecase';
import { UpdateExperienceUseCase } from './experiences/usecases/update-experience/update-experience.usecase';
import { GetExperienceStatsUseCase } from './interactions/usecases/get-experience-stats/get-experience-stats.usecase';
import { RecordInteractionUseCase } from './interactions/usecases/record-interaction/record-interaction.usecase';
import { DetachSegmentUseCase } from './segment-usage/usecases/detach-segment/detach-segment.usecase';
import { ListSegmentAudiencesUseCase } from './segment-usage/usecases/list-segment-audiences/list-segment-audiences.usecase';
import { ListSegmentUsageUseCase } from './segment-usage/usecases/list-segment-usage/list-segment-usage.usecase';
import { ListTargetedExperiencesUseCase } from './targeting/usecases/list-targeted-experiences/list-targeted-experiences.usecase';

/** Every use case of the experiences service (each handler method calls one). */
export const USE_CASES: Type[] = [
  AudienceOverlapUseCase,
  ChangeExperienceStatusUseCase,
  CreateExperienceUseCase,
  DeleteExperienceUseCase,
  GetExperienceUseCase,
  ListExperiencesUseCase,
  UpdateExperienceUseCase,
  RecordInteractionUseCase,
  GetExperienceStatsUseCase,
  DetachSegmentUseCase,
  ListSegmentAudiencesUseCase,
  ListSegmentUsageUseCase,
  ListTargetedExperiencesUseCase,
];
