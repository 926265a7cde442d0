import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { ExperienceChanges } from '../../../experiences/experience-changes';
import { targetsNobody } from '../../../experiences/experience.mapper';
import { ExperienceRepository } from '../../../experiences/experience.repository';

export type DetachSegmentCommand = ParsedRequestOf<'experiences.segment.detach'>;

export interface DetachedExperience {
  id: string;
  name: string;
  targetsNobody: boolean;
  replacedWith?: string;
}

/**
 * A segment is being deleted: every experience drops it from its audience. One
 * left with no segment keeps mode `segments` and so targets nobody, never everyone.
 * With `replaceWith`, that segment takes the detached one's place (once: never listed twice).
 * Idempotent: a second call finds nothing to detach.
 */
@Injectable()
export class DetachSegmentUseCase {
  constructor(
    private readonly experiences: ExperienceRepository,
    private readonly changes: ExperienceChanges,
  ) {}

  async execute({
    workspaceId,
    segmentId,
    replaceWith,
  }: DetachSegmentCommand): Promise<{ experiences: DetachedExperience[] }> {
    const using = await this.experiences.findUsingSegments(workspaceId, [segmentId]);
    const detached: DetachedExperience[] = [];
    for (const experience of using) {
      const segmentIds = [
        ...new Set(
          experience.audience.segmentIds.map((id) =>
            id === segmentId && replaceWith !== undefined ? replaceWith : id,
          ),
        ),
      ].filter((id) => id !== segmentId);
      await this.experiences.updateOne(
        workspaceId,
        { experienceId: experience.experienceId },
        { $set: { 'audience.segmentIds': segmentIds, updatedAt: new Date() } },
      );
      detached.push({
        id: experience.experienceId,
        name: experience.name,
        targetsNobody: targetsNobody({ audience: { mode: experience.audience.mode, segmentIds } }),
        ...(replaceWith !== undefined ? { replacedWith: replaceWith } : {}),
      });
    }
    if (detached.length > 0) {
      await this.changes.changed(
        workspaceId,
        detached.map((experience) => experience.id),
      );
    }
    return { experiences: detached };
  }
}
