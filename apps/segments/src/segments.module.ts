import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MembershipHandler } from './membership/membership.handler';
import { SegmentsHandler } from './segments/segments.handler';
import { CacheInvalidation } from './membership/cache-invalidation';
import { CompiledSegments } from './membership/compiled-segments';
import { UserSnapshotCache } from './membership/user-snapshot-cache';
import { MemberPager } from './membership/member-pager';
import { SavedSegment } from './membership/saved-segment';
import { SampledPreview } from './membership/sampled-preview';
import { SegmentImpact } from './membership/segment-impact';
import { FilterCountScan } from './membership/usecases/filter-counts/filter-count-scan';
import {
  PREVIEW_COUNT_MODEL,
  PreviewCountRepository,
  PreviewCountSchema,
} from './membership/preview-count.repository';
import { MemberStoreModule } from './reads/member-store.module';
import { SegmentInputValidator } from './segments/segment-input';
import { SegmentLinter } from './segments/segment-linter';
import { SEGMENT_MODEL, SegmentSchema } from './segments/segment.schema';
import { SegmentRepository } from './segments/segment.repository';
import { USE_CASES } from './use-cases';
import type { SegmentsConfig } from './config';
import { ReadModelModule } from './read-model/read-model.module';
import { MembershipStatus } from './read-model/membership-status';
import { MembershipEvents } from './read-model/membership-events.handler';
import { HISTORY_DAYS } from './read-model/history-retention';
import { SegmentStatesCache } from './read-model/segment-states.cache';
import { MembershipFreshness } from './membership/membership-freshness';

/** Segment definitions and membership. */
@Module({})
export class SegmentsModule {
  static register(config: SegmentsConfig): DynamicModule {
    return {
      module: SegmentsModule,
      imports: [
        ReadModelModule.register(config),
        MongooseModule.forFeature([
          { name: SEGMENT_MODEL, schema: SegmentSchema },
          { name: PREVIEW_COUNT_MODEL, schema: PreviewCountSchema },
        ]),
        MemberStoreModule,
      ],
      controllers: [SegmentsHandler, MembershipHandler, MembershipEvents],
      providers: [
        MembershipStatus,
        MembershipFreshness,
        SegmentStatesCache,
        { provide: HISTORY_DAYS, useValue: config.MEMBERSHIP_HISTORY_DAYS },
        SegmentRepository,
        SegmentInputValidator,
        SegmentLinter,
        CompiledSegments,
        UserSnapshotCache,
        CacheInvalidation,
        MemberPager,
        SavedSegment,
        PreviewCountRepository,
        SampledPreview,
        SegmentImpact,
        FilterCountScan,
        ...USE_CASES,
      ],
    };
  }
}
