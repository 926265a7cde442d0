import { Controller } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { HandleRequest } from '@seg/platform';
import { AudienceOverlapUseCase } from './usecases/audience-overlap/audience-overlap.usecase';
import { CheckMembershipUseCase } from './usecases/check-membership/check-membership.usecase';
import { CountMembersUseCase } from './usecases/count-members/count-members.usecase';
import { GetPreviewCountUseCase } from './usecases/get-preview-count/get-preview-count.usecase';
import { ExplainMemberUseCase } from './usecases/explain-member/explain-member.usecase';
import { ListMembersUseCase } from './usecases/list-members/list-members.usecase';
import { ListUserSegmentsUseCase } from './usecases/list-user-segments/list-user-segments.usecase';
import { SegmentForecastUseCase } from './usecases/segment-forecast/segment-forecast.usecase';
import { SegmentImpactUseCase } from './usecases/segment-impact/segment-impact.usecase';
import { SegmentHistoryUseCase } from './usecases/segment-history/segment-history.usecase';
import { UserSegmentHistoryUseCase } from './usecases/user-segment-history/user-segment-history.usecase';
import { FilterCountsUseCase } from './usecases/filter-counts/filter-counts.usecase';
import { PreviewSegmentUseCase } from './usecases/preview-segment/preview-segment.usecase';

/**
 * Who is in a segment: batch (preview, members, count) and one user (explain, targeting,
 * the segments on a profile).
 */
@Controller()
export class MembershipHandler {
  constructor(
    private readonly previewSegment: PreviewSegmentUseCase,
    private readonly previewCount: GetPreviewCountUseCase,
    private readonly listMembers: ListMembersUseCase,
    private readonly countMembers: CountMembersUseCase,
    private readonly explainMember: ExplainMemberUseCase,
    private readonly checkMembership: CheckMembershipUseCase,
    private readonly listUserSegments: ListUserSegmentsUseCase,
    private readonly segmentHistory: SegmentHistoryUseCase,
    private readonly userHistory: UserSegmentHistoryUseCase,
    private readonly segmentForecast: SegmentForecastUseCase,
    private readonly segmentImpact: SegmentImpactUseCase,
    private readonly filterCounts: FilterCountsUseCase,
    private readonly audienceOverlap: AudienceOverlapUseCase,
  ) {}

  @HandleRequest('segments.segment.impact')
  impact(command: ParsedRequestOf<'segments.segment.impact'>) {
    return this.segmentImpact.execute(command);
  }

  @HandleRequest('segments.audience.overlap')
  overlap(command: ParsedRequestOf<'segments.audience.overlap'>) {
    return this.audienceOverlap.execute(command);
  }

  @HandleRequest('segments.segment.forecast')
  forecast(command: ParsedRequestOf<'segments.segment.forecast'>) {
    return this.segmentForecast.execute(command);
  }

  @HandleRequest('segments.segment.history')
  history(command: ParsedRequestOf<'segments.segment.history'>) {
    return this.segmentHistory.execute(command);
  }

  @HandleRequest('segments.user.history')
  historyOfUser(command: ParsedRequestOf<'segments.user.history'>) {
    return this.userHistory.execute(command);
  }

  @HandleRequest('segments.segment.preview')
  preview(command: ParsedRequestOf<'segments.segment.preview'>) {
    return this.previewSegment.execute(command);
  }

  @HandleRequest('segments.filters.count')
  countsOfFilters(command: ParsedRequestOf<'segments.filters.count'>) {
    return this.filterCounts.execute(command);
  }

  @HandleRequest('segments.count.get')
  countOfPreview(command: ParsedRequestOf<'segments.count.get'>) {
    return this.previewCount.execute(command);
  }

  @HandleRequest('segments.members.list')
  members(command: ParsedRequestOf<'segments.members.list'>) {
    return this.listMembers.execute(command);
  }

  @HandleRequest('segments.members.count')
  count(command: ParsedRequestOf<'segments.members.count'>) {
    return this.countMembers.execute(command);
  }

  @HandleRequest('segments.member.explain')
  explain(command: ParsedRequestOf<'segments.member.explain'>) {
    return this.explainMember.execute(command);
  }

  @HandleRequest('segments.membership.check')
  check(command: ParsedRequestOf<'segments.membership.check'>) {
    return this.checkMembership.execute(command);
  }

  @HandleRequest('segments.membership.ofUser')
  ofUser(command: ParsedRequestOf<'segments.membership.ofUser'>) {
    return this.listUserSegments.execute(command);
  }
}
