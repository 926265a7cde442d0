import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { SegmentRepository } from '../../segment.repository';

export type FindMissingSegmentsCommand = ParsedRequestOf<'segments.segment.exists'>;

/** Which of these ids are not segments of the workspace (asked when an audience is saved). */
@Injectable()
export class FindMissingSegmentsUseCase {
  constructor(private readonly segments: SegmentRepository) {}

  async execute({
    workspaceId,
    segmentIds,
  }: FindMissingSegmentsCommand): Promise<ResponseOf<'segments.segment.exists'>> {
    if (segmentIds.length === 0) return { missing: [] };
    const found = new Set(
      (await this.segments.definitions(workspaceId, [...new Set(segmentIds)])).map((d) => d._id),
    );
    return { missing: segmentIds.filter((id) => !found.has(id)) };
  }
}
