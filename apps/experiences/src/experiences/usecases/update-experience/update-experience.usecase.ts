import { Injectable } from '@nestjs/common';
import type { Experience, ParsedRequestOf } from '@seg/contracts';
import { AudienceSegmentsValidator } from '../../audience-segments.validator';
import { ExperienceChanges } from '../../experience-changes';
import { experienceNotFound } from '../../experience-not-found';
import { toExperience } from '../../experience.mapper';
import { ExperienceRepository } from '../../experience.repository';
import type { ExperienceDocument } from '../../experience.schema';

export type UpdateExperienceCommand = ParsedRequestOf<'experiences.experience.update'>;

/** Changes the given fields; a published experience stays published (live edit). */
@Injectable()
export class UpdateExperienceUseCase {
  constructor(
    private readonly experiences: ExperienceRepository,
    private readonly segments: AudienceSegmentsValidator,
    private readonly changes: ExperienceChanges,
  ) {}

  async execute({
    workspaceId,
    experienceId,
    patch,
  }: UpdateExperienceCommand): Promise<Experience> {
    if (!(await this.experiences.findById(workspaceId, experienceId))) {
      throw experienceNotFound(experienceId);
    }
    if (patch.audience) await this.segments.assertExist(workspaceId, patch.audience, 'audience');
    const set: Partial<ExperienceDocument> = { updatedAt: new Date() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.type !== undefined) set.type = patch.type;
    if (patch.steps !== undefined) set.steps = patch.steps;
    if (patch.audience !== undefined) {
      set.audience = {
        mode: patch.audience.mode,
        segmentIds: patch.audience.mode === 'segments' ? patch.audience.segmentIds : [],
      };
    }
    const { matched } = await this.experiences.updateOne(
      workspaceId,
      { experienceId },
      { $set: set },
    );
    if (matched === 0) throw experienceNotFound(experienceId);
    await this.changes.changed(workspaceId, [experienceId]);
    const updated = await this.experiences.findById(workspaceId, experienceId);
    if (!updated) throw experienceNotFound(experienceId);
    return toExperience(updated);
  }
}
