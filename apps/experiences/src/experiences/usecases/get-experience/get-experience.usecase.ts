import { Injectable } from '@nestjs/common';
import type { Experience, ParsedRequestOf } from '@seg/contracts';
import { experienceNotFound } from '../../experience-not-found';
import { toExperience } from '../../experience.mapper';
import { ExperienceRepository } from '../../experience.repository';

export type GetExperienceCommand = ParsedRequestOf<'experiences.experience.get'>;

@Injectable()
export class GetExperienceUseCase {
  constructor(private readonly experiences: ExperienceRepository) {}

  async execute({ workspaceId, experienceId }: GetExperienceCommand): Promise<Experience> {
    const found = await this.experiences.findById(workspaceId, experienceId);
    if (!found) throw experienceNotFound(experienceId);
    return toExperience(found);
  }
}
