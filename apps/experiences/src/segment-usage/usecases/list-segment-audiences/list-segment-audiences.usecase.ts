import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { ExperienceRepository } from '../../../experiences/experience.repository';

export type ListSegmentAudiencesCommand = ParsedRequestOf<'experiences.segmentAudience.list'>;

/**
 * For an edit's impact (segments service): the experiences whose audience lists the segment,
 * each with all of its audience's segments, in experience id order. `mode: all` audiences do
 * not use a segment and are not listed.
 */
@Injectable()
export class ListSegmentAudiencesUseCase {
  constructor(private readonly experiences: ExperienceRepository) {}

  async execute({
    workspaceId,
    segmentId,
  }: ListSegmentAudiencesCommand): Promise<ResponseOf<'experiences.segmentAudience.list'>> {
    const using = await this.experiences.findUsingSegments(workspaceId, [segmentId]);
    using.sort((a, b) => (a.experienceId < b.experienceId ? -1 : 1));
    return {
      experiences: using
        .filter((doc) => doc.audience.mode === 'segments')
        .map((doc) => ({
          id: doc.experienceId,
          name: doc.name,
          status: doc.status,
          segmentIds: [...doc.audience.segmentIds],
        })),
    };
  }
}
