import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfigModule,
  BusModule,
  HealthModule,
  LoggingModule,
  MongoModule,
} from '@seg/platform';
import { ProfileStoreModule } from '@seg/profile-store';
import { AttributeTypes } from './catalog/attribute-types';
import { CatalogHandler } from './catalog/catalog.handler';
import type { UsersConfig } from './config';
import { InboxApplier } from './ingestion/inbox-applier';
import { IngestionHandler } from './ingestion/ingestion.handler';
import { SampleBucketStartUp } from './maintenance/sample-bucket-start-up';
import { InteractionsModule } from './interactions/interactions.module';
import { ProfilesHandler } from './profiles/profiles.handler';
import { PingHandler } from './system/ping.handler';
import { USE_CASES } from './use-cases';

@Module({})
export class AppModule {
  static register(config: UsersConfig): DynamicModule {
    const health = HealthModule.forRoot({ mongo: true });
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'users'),
        MongoModule.forRoot(config),
        BusModule.forRoot(),
        health,
        ProfileStoreModule,
        InteractionsModule,
      ],
      controllers: [PingHandler, IngestionHandler, ProfilesHandler, CatalogHandler],
      providers: [AttributeTypes, InboxApplier, SampleBucketStartUp, ...USE_CASES],
    };
  }
}
