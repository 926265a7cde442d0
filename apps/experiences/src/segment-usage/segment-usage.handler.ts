import { Controller } from '@nestjs/common';
import type { EventOf, ParsedRequestOf } from '@seg/contracts';
import { HandleEvent, HandleRequest } from '@seg/platform';
import { DetachSegmentUseCase } from './usecases/detach-segment/detach-segment.usecase';
import { ListSegmentAudiencesUseCase } from './usecases/list-segment-audiences/list-segment-audiences.usecase';
import { ListSegmentUsageUseCase } from './usecases/list-segment-usage/list-segment-usage.usecase';

/** What the segments service asks before and while deleting a segment, and for an edit's impact. */
@Controller()
export class SegmentUsageHandler {
  constructor(
    private readonly listUsage: ListSegmentUsageUseCase,
    private readonly detachSegment: DetachSegmentUseCase,
    private readonly listAudiences: ListSegmentAudiencesUseCase,
  ) {}

  @HandleRequest('experiences.segmentAudience.list')
  audiences(payload: ParsedRequestOf<'experiences.segmentAudience.list'>) {
    return this.listAudiences.execute(payload);
  }

  @HandleRequest('experiences.segmentUsage.list')
  list(payload: ParsedRequestOf<'experiences.segmentUsage.list'>) {
    return this.listUsage.execute(payload);
  }

  @HandleRequest('experiences.segment.detach')
  detach(payload: ParsedRequestOf<'experiences.segment.detach'>) {
    return this.detachSegment.execute(payload);
  }

  /** Defensive: an audience never keeps a deleted segment, however it was deleted. */
  @HandleEvent('segment.deleted')
  async onSegmentDeleted(event: EventOf<'segment.deleted'>): Promise<void> {
    await this.detachSegment.execute(event);
  }
}
