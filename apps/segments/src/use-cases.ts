import type { Type } from '@nestjs/common';
import { CreateSegmentUseCase } from './segments/usecases/create-segment/create-segment.usecase';
import { DeleteSegmentUseCase } from './segments/usecases/delete-segment/delete-segment.usecase';
import { FindMissingSegmentsUseCase } from './segments/usecases/find-missing-segments/find-missing-segments.usecase';
import { GetSegmentUseCase } from './segments/usecases/get-segment/get-segment.usecase';
import { ListSegmentsUseCase } from './segments/usecases/list-segments/list-segments.usecase';
import { UpdateSegmentUseCase } from './segments/usecases/update-segment/update-segment.usecase';
import { ValidateRulesUseCase } from './segments/usecases/validate-rules/validate-rules.usecase';
import { AudienceOverlapUseCase } from './membership/usecases/audience-overlap/audience-overlap.usecase';
import { CheckMembershipUseCase } from './membership/usecases/check-membership/check-membership.usecase';
import { CountMembersUseCase } from './membership/usecases/count-members/count-members.usecase';
import { GetPreviewCountUseCase } from './membership/usecases/get-preview-count/get-preview-count.usecase';
import { ExplainMemberUseCase } from './membership/usecases/explain-member/explain-member.usecase';
import { ListMembersUseCase } from './membership/usecases/list-members/list-members.usecase';
import { ListUserSegmentsUseCase } from './membership/usecases/list-user-segments/list-user-segments.usecase';
import { SegmentForecastUseCase } from './membership/usecases/segment-forecast/segment-forecast.usecase';
import { SegmentImpactUseCase } from './membership/usecases/segment-impact/segment-impact.usecase';
import { SegmentHistoryUseCase } from './membership/usecases/segment-history/segment-history.usecase';
import { UserSegmentHistoryUseCase } from './membership/usecases/user-segment-history/user-segment-history.usecase';
import { FilterCountsUseCase } from './membership/usecases/filter-counts/filter-counts.usecase';
import { PreviewSegmentUseCase } from './membership/usecases/preview-segment/preview-segment.usecase';

/** Every use case of the segments service, one per bus request (each handler calls one). */
export const USE_CASES: Type[] = [
  CreateSegmentUseCase,
  DeleteSegmentUseCase,
  FindMissingSegmentsUseCase,
  GetSegmentUseCase,
  ListSegmentsUseCase,
  UpdateSegmentUseCase,
  ValidateRulesUseCase,
  AudienceOverlapUseCase,
  CheckMembershipUseCase,
  CountMembersUseCase,
  ExplainMemberUseCase,
  FilterCountsUseCase,
  GetPreviewCountUseCase,
  ListMembersUseCase,
  ListUserSegmentsUseCase,
  PreviewSegmentUseCase,
  SegmentHistoryUseCase,
  SegmentForecastUseCase,
  SegmentImpactUseCase,
  UserSegmentHistoryUseCase,
];
