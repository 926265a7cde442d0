import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfigModule,
  BusModule,
  HealthModule,
  LoggingModule,
  MongoModule,
} from '@seg/platform';
import type { IntegrationsConfig } from './config';
import { IntegrationsDataModule } from './data.module';
import { IntegrationsHandler } from './integrations.handler';
import { integrationsJobsModule } from './jobs/bullmq.module';
import { SegmentQueue } from './jobs/segment-queue';
import { SyncQueue } from './jobs/sync-queue';
import { PingHandler } from './system/ping.handler';
import { API_USE_CASES } from './use-cases';

/** The bus consumer: connections, runs and the Segment.io webhook (producer of jobs only). */
@Module({})
export class AppModule {
  static register(config: IntegrationsConfig): DynamicModule {
    const health = HealthModule.forRoot({ mongo: true });
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'integrations'),
        MongoModule.forRoot(config),
        BusModule.forRoot(),
        health,
        integrationsJobsModule(config),
        IntegrationsDataModule.register(config),
      ],
      controllers: [PingHandler, IntegrationsHandler],
      providers: [SyncQueue, SegmentQueue, ...API_USE_CASES],
    };
  }
}
