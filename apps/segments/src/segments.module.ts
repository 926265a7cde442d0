import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MembershipHandler } from './membership/membership.handler';
import { SegmentsHandler } from './segments/segments.handler';
import { CacheInvalidation } from './membership/cache-invalidation';
import { CompiledSegments } from './membership/compiled-segments';
import { UserSnapshotCache } from './membership/user-snapshot-cache';
import { MemberPager } from './membership/member-pager';
import { SavedSegment } from './membership/saved-segment';
import { MemberStoreModule } from './reads/member-store.module';
import { SegmentInputValidator } from './segments/segment-input';
import { SEGMENT_MODEL, SegmentSchema } from './segments/segment.schema';
import { SegmentRepository } from './segments/segment.repository';
import { CheckMembershipUseCase } from './membership/usecases/check-membership/check-membership.usecase';
import { CountMembersUseCase } from './membership/usecases/count-members/count-members.usecase';
import { CreateSegmentUseCase } from './segments/usecases/create-segment/create-segment.usecase';
import { DeleteSegmentUseCase } from './segments/usecases/delete-segment/delete-segment.usecase';
import { ExplainMemberUseCase } from './membership/usecases/explain-member/explain-member.usecase';
import { FindMissingSegmentsUseCase } from './segments/usecases/find-missing-segments/find-missing-segments.usecase';
import { GetSegmentUseCase } from './segments/usecases/get-segment/get-segment.usecase';
import { ListMembersUseCase } from './membership/usecases/list-members/list-members.usecase';
import { ListUserSegmentsUseCase } from './membership/usecases/list-user-segments/list-user-segments.usecase';
import { ListSegmentsUseCase } from './segments/usecases/list-segments/list-segments.usecase';
import { PreviewSegmentUseCase } from './membership/usecases/preview-segment/preview-segment.usecase';
import { UpdateSegmentUseCase } from './segments/usecases/update-segment/update-segment.usecase';

/** Segment definitions and membership. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: SEGMENT_MODEL, schema: SegmentSchema }]),
    MemberStoreModule,
  ],
  controllers: [SegmentsHandler, MembershipHandler],
  providers: [
    SegmentRepository,
    SegmentInputValidator,
    CompiledSegments,
    UserSnapshotCache,
    CacheInvalidation,
    MemberPager,
    SavedSegment,
    CreateSegmentUseCase,
    ListSegmentsUseCase,
    GetSegmentUseCase,
    UpdateSegmentUseCase,
    DeleteSegmentUseCase,
    FindMissingSegmentsUseCase,
    PreviewSegmentUseCase,
    ListMembersUseCase,
    CountMembersUseCase,
    ExplainMemberUseCase,
    CheckMembershipUseCase,
    ListUserSegmentsUseCase,
  ],
})
export class SegmentsModule {}
