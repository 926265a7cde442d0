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
}

/**
 * A segment is being deleted: every experience drops it from its audience. One
 * left with no segment keeps mode `segments` and so targets nobody, never everyone.
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
  }: DetachSegmentCommand): Promise<{ experiences: DetachedExperience[] }> {
    const using = await this.experiences.findUsingSegments(workspaceId, [segmentId]);
    const detached: DetachedExperience[] = [];
    for (const experience of using) {
      const segmentIds = experience.audience.segmentIds.filter((id) => id !== segmentId);
      await this.experiences.updateOne(
        workspaceId,
        { experienceId: experience.experienceId },
        { $set: { 'audience.segmentIds': segmentIds, updatedAt: new Date() } },
      );
      detached.push({
        id: experience.experienceId,
        name: experience.name,
        targetsNobody: targetsNobody({ audience: { mode: experience.audience.mode, segmentIds } }),
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
