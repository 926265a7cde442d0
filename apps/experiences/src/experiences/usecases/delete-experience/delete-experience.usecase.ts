import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { ExperienceChanges } from '../../experience-changes';
import { experienceNotFound } from '../../experience-not-found';
import { ExperienceRepository } from '../../experience.repository';

export type DeleteExperienceCommand = ParsedRequestOf<'experiences.experience.delete'>;

/** Deletes the experience; recorded interactions stay (profiles keep their history). */
@Injectable()
export class DeleteExperienceUseCase {
  constructor(
    private readonly experiences: ExperienceRepository,
    private readonly changes: ExperienceChanges,
  ) {}

  async execute({
    workspaceId,
    experienceId,
  }: DeleteExperienceCommand): Promise<{ id: string; deleted: true }> {
    const deleted = await this.experiences.deleteMany(workspaceId, { experienceId });
    if (deleted === 0) throw experienceNotFound(experienceId);
    await this.changes.changed(workspaceId, [experienceId]);
    return { id: experienceId, deleted: true };
  }
}
