import { Controller } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { HandleRequest } from '@seg/platform';
import { AudienceOverlapUseCase } from './usecases/audience-overlap/audience-overlap.usecase';
import { ChangeExperienceStatusUseCase } from './usecases/change-experience-status/change-experience-status.usecase';
import { CreateExperienceUseCase } from './usecases/create-experience/create-experience.usecase';
import { DeleteExperienceUseCase } from './usecases/delete-experience/delete-experience.usecase';
import { GetExperienceUseCase } from './usecases/get-experience/get-experience.usecase';
import { ListExperiencesUseCase } from './usecases/list-experiences/list-experiences.usecase';
import { UpdateExperienceUseCase } from './usecases/update-experience/update-experience.usecase';

/** The experiences CRUD over the bus (the gateway's /v1/experiences calls these). */
@Controller()
export class ExperiencesHandler {
  constructor(
    private readonly createExperience: CreateExperienceUseCase,
    private readonly listExperiences: ListExperiencesUseCase,
    private readonly getExperience: GetExperienceUseCase,
    private readonly updateExperience: UpdateExperienceUseCase,
    private readonly deleteExperience: DeleteExperienceUseCase,
    private readonly changeStatus: ChangeExperienceStatusUseCase,
    private readonly audienceOverlap: AudienceOverlapUseCase,
  ) {}

  @HandleRequest('experiences.experience.create')
  create(payload: ParsedRequestOf<'experiences.experience.create'>) {
    return this.createExperience.execute(payload);
  }

  @HandleRequest('experiences.experience.list')
  list(payload: ParsedRequestOf<'experiences.experience.list'>) {
    return this.listExperiences.execute(payload);
  }

  @HandleRequest('experiences.experience.get')
  get(payload: ParsedRequestOf<'experiences.experience.get'>) {
    return this.getExperience.execute(payload);
  }

  @HandleRequest('experiences.experience.update')
  update(payload: ParsedRequestOf<'experiences.experience.update'>) {
    return this.updateExperience.execute(payload);
  }

  @HandleRequest('experiences.experience.delete')
  delete(payload: ParsedRequestOf<'experiences.experience.delete'>) {
    return this.deleteExperience.execute(payload);
  }

  @HandleRequest('experiences.experience.publish')
  publish(payload: ParsedRequestOf<'experiences.experience.publish'>) {
    return this.changeStatus.execute({ ...payload, status: 'published' });
  }

  @HandleRequest('experiences.experience.unpublish')
  unpublish(payload: ParsedRequestOf<'experiences.experience.unpublish'>) {
    return this.changeStatus.execute({ ...payload, status: 'draft' });
  }

  @HandleRequest('experiences.audience.overlap')
  overlap(payload: ParsedRequestOf<'experiences.audience.overlap'>) {
    return this.audienceOverlap.execute(payload);
  }
}
