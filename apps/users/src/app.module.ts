import { DynamicModule, Module } from '@nestjs/common';
import { BusServiceModule } from '@seg/platform';
import { ProfileStoreModule } from '@seg/profile-store';
import { AttributeTypes } from './catalog/attribute-types';
import { CatalogHandler } from './catalog/catalog.handler';
import type { UsersConfig } from './config';
import { InboxApplier } from './ingestion/inbox-applier';
import { IngestionHandler } from './ingestion/ingestion.handler';
import { SampleBucketStartUp } from './maintenance/sample-bucket-start-up';
import { InteractionsModule } from './interactions/interactions.module';
import { ProfilesHandler } from './profiles/profiles.handler';
import { USE_CASES } from './use-cases';

@Module({})
export class AppModule {
  static register(config: UsersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [BusServiceModule.forRoot(config, 'users'), ProfileStoreModule, InteractionsModule],
      controllers: [IngestionHandler, ProfilesHandler, CatalogHandler],
      providers: [AttributeTypes, InboxApplier, SampleBucketStartUp, ...USE_CASES],
    };
  }
}
