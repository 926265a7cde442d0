import { Injectable } from '@nestjs/common';
import type { Experience, ParsedRequestOf } from '@seg/contracts';
import { AudienceSegmentsValidator } from '../../audience-segments.validator';
import { ExperienceChanges } from '../../experience-changes';
import { newExperienceId } from '../../experience-id';
import { toExperience } from '../../experience.mapper';
import { ExperienceRepository } from '../../experience.repository';
import type { ExperienceDocument } from '../../experience.schema';

export type CreateExperienceCommand = ParsedRequestOf<'experiences.experience.create'>;

/** A new experience, always a draft; its audience's segments must exist. */
@Injectable()
export class CreateExperienceUseCase {
  constructor(
    private readonly experiences: ExperienceRepository,
    private readonly segments: AudienceSegmentsValidator,
    private readonly changes: ExperienceChanges,
  ) {}

  async execute({ workspaceId, experience }: CreateExperienceCommand): Promise<Experience> {
    await this.segments.assertExist(workspaceId, experience.audience, 'audience');
    const now = new Date();
    const document: ExperienceDocument = {
      workspaceId,
      experienceId: newExperienceId(now),
      name: experience.name,
      type: experience.type,
      steps: experience.steps,
      audience: {
        mode: experience.audience.mode,
        segmentIds: experience.audience.mode === 'segments' ? experience.audience.segmentIds : [],
      },
      status: 'draft',
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
    };
    await this.experiences.insert(workspaceId, document);
    await this.changes.changed(workspaceId, [document.experienceId]);
    return toExperience(document);
  }
}
