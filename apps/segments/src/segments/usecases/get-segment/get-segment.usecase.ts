import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, SegmentView } from '@seg/contracts';
import { SegmentRepository } from '../../segment.repository';
import { segmentNotFound, toSegmentView } from '../../segment-view';

export type GetSegmentCommand = ParsedRequestOf<'segments.segment.get'>;

@Injectable()
export class GetSegmentUseCase {
  constructor(private readonly segments: SegmentRepository) {}

  async execute({ workspaceId, segmentId }: GetSegmentCommand): Promise<SegmentView> {
    const found = await this.segments.findById(workspaceId, segmentId);
    if (!found) throw segmentNotFound(segmentId);
    return toSegmentView(found);
  }
}
