import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { ExperienceRepository } from '../../../experiences/experience.repository';

export type ListSegmentUsageCommand = ParsedRequestOf<'experiences.segmentUsage.list'>;

/** For the segments service's `usedBy`: segment id → experiences whose audience lists it. */
@Injectable()
export class ListSegmentUsageUseCase {
  constructor(private readonly experiences: ExperienceRepository) {}

  async execute({
    workspaceId,
    segmentIds,
  }: ListSegmentUsageCommand): Promise<{ usedBy: Record<string, string[]> }> {
    const usedBy: Record<string, string[]> = {};
    if (segmentIds.length === 0) return { usedBy };
    const wanted = new Set(segmentIds);
    const users = await this.experiences.findUsingSegments(workspaceId, segmentIds);
    users.sort((a, b) => (a.experienceId < b.experienceId ? -1 : 1));
    for (const experience of users) {
      for (const segmentId of experience.audience.segmentIds) {
        if (!wanted.has(segmentId)) continue;
        (usedBy[segmentId] ??= []).push(experience.experienceId);
      }
    }
    return { usedBy };
  }
}
