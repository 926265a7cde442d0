import { Injectable } from '@nestjs/common';
import type { Experience, ParsedRequestOf } from '@seg/contracts';
import { ExperienceChanges } from '../../experience-changes';
import { experienceNotFound } from '../../experience-not-found';
import { toExperience } from '../../experience.mapper';
import { ExperienceRepository } from '../../experience.repository';

export type ChangeExperienceStatusCommand = ParsedRequestOf<'experiences.experience.publish'> & {
  status: Experience['status'];
};

/** Publish (targeted from now on) or unpublish (back to draft, never targeted). */
@Injectable()
export class ChangeExperienceStatusUseCase {
  constructor(
    private readonly experiences: ExperienceRepository,
    private readonly changes: ExperienceChanges,
  ) {}

  async execute({
    workspaceId,
    experienceId,
    status,
  }: ChangeExperienceStatusCommand): Promise<Experience> {
    const now = new Date();
    const { matched } = await this.experiences.updateOne(
      workspaceId,
      { experienceId },
      {
        $set: {
          status,
          updatedAt: now,
          ...(status === 'published' ? { publishedAt: now } : {}),
        },
      },
    );
    if (matched === 0) throw experienceNotFound(experienceId);
    await this.changes.changed(workspaceId, [experienceId]);
    const updated = await this.experiences.findById(workspaceId, experienceId);
    if (!updated) throw experienceNotFound(experienceId);
    return toExperience(updated);
  }
}
