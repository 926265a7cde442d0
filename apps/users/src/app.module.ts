import { DynamicModule, Module } from '@nestjs/common';
import { BusServiceModule, JobsModule, withWorkerOptions } from '@seg/platform';
import { ProfileStoreModule } from '@seg/profile-store';
import { ProfileStoreWritesModule } from '@seg/profile-store/writes';
import { AttributeTypes } from './catalog/attribute-types';
import { AttributeFreshness } from './catalog/freshness/attribute-freshness';
import { CatalogHandler } from './catalog/catalog.handler';
import type { UsersConfig } from './config';
import { InboxApplier } from './ingestion/inbox-applier';
import { IngestionHandler } from './ingestion/ingestion.handler';
import { InboxPartitions } from './ingestion/partitions/inbox-partitions';
import { SampleBucketStartUp } from './maintenance/sample-bucket-start-up';
import { InteractionsModule } from './interactions/interactions.module';
import { ProfilesHandler } from './profiles/profiles.handler';
import {
  DEAD_LETTER_QUEUE,
  SYNC_PAGES_QUEUE,
  SyncPagesProcessor,
} from './sync/sync-pages.processor';
import { USE_CASES } from './use-cases';
import { WritingModule } from './writing/writing.module';

@Module({})
export class AppModule {
  static register(config: UsersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        BusServiceModule.forRoot(config, 'users'),
        // Sync pages from the integrations workers; a failed page is retried, then fails its run.
        JobsModule.forRoot(config, {
          queues: [SYNC_PAGES_QUEUE, DEAD_LETTER_QUEUE],
          attempts: 3,
          backoffMs: 500,
        }),
        WritingModule,
        ProfileStoreModule,
        ProfileStoreWritesModule,
        InteractionsModule,
      ],
      controllers: [IngestionHandler, ProfilesHandler, CatalogHandler],
      providers: [
        AttributeTypes,
        AttributeFreshness,
        InboxPartitions,
        InboxApplier,
        SampleBucketStartUp,
        withWorkerOptions(SyncPagesProcessor, SYNC_PAGES_QUEUE, {
          concurrency: config.SYNC_PAGE_CONCURRENCY,
        }),
        ...USE_CASES,
      ],
    };
  }
}
