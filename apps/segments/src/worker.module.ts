import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  AppConfigModule,
  BusModule,
  LoggingModule,
  MongoModule,
  withWorkerOptions,
} from '@seg/platform';
import type { SegmentsConfig } from './config';
import { CompiledSegments } from './membership/compiled-segments';
import { MemberStoreModule } from './reads/member-store.module';
import { HISTORY_DAYS } from './read-model/history-retention';
import { ReadModelMaintenance } from './read-model/maintenance';
import { MEMBERSHIP_QUEUE } from './read-model/membership-queue';
import { MembershipProcessor } from './read-model/membership.processor';
import { MembershipWriter } from './read-model/membership-writer';
import { ReadModelModule } from './read-model/read-model.module';
import { RECOMPUTE_PAGE_SIZE, Recomputation } from './read-model/recomputation';
import { SEGMENT_MODEL, SegmentSchema } from './segments/segment.schema';
import { SegmentRepository } from './segments/segment.repository';

/**
 * The segments worker: a second entry point of this app that keeps the membership read model
 * (recomputations, changed users, due re-evaluations). No HTTP API and no bus consumer: a bus
 * client only, to emit `segment.membership.changed`.
 */
@Module({})
export class WorkerModule {
  static register(config: SegmentsConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'segments-worker'),
        MongoModule.forRoot(config),
        BusModule.forRoot(),
        ReadModelModule.register(config),
        MemberStoreModule,
        MongooseModule.forFeature([{ name: SEGMENT_MODEL, schema: SegmentSchema }]),
      ],
      providers: [
        SegmentRepository,
        CompiledSegments,
        MembershipWriter,
        Recomputation,
        ReadModelMaintenance,
        { provide: RECOMPUTE_PAGE_SIZE, useValue: config.RECOMPUTE_PAGE_SIZE },
        { provide: HISTORY_DAYS, useValue: config.MEMBERSHIP_HISTORY_DAYS },
        withWorkerOptions(MembershipProcessor, MEMBERSHIP_QUEUE, {
          concurrency: config.MEMBERSHIP_CONCURRENCY,
          // A worker that dies mid-job loses it after this; BullMQ hands it out again and a
          // recomputation resumes from its checkpoint.
          lockDuration: config.MEMBERSHIP_LOCK_DURATION_MS,
          stalledInterval: config.MEMBERSHIP_LOCK_DURATION_MS,
        }),
      ],
    };
  }
}
