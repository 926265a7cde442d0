import { DynamicModule, Module } from '@nestjs/common';
import { BusServiceModule } from '@seg/platform';
import type { IntegrationsConfig } from './config';
import { IntegrationsDataModule } from './data.module';
import { IntegrationsHandler } from './integrations.handler';
import { integrationsJobsModule } from './jobs/bullmq.module';
import { SegmentQueue } from './jobs/segment-queue';
import { SyncQueue } from './jobs/sync-queue';
import { API_USE_CASES } from './use-cases';

/** The bus consumer: connections, runs and the Segment.io webhook (producer of jobs only). */
@Module({})
export class AppModule {
  static register(config: IntegrationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        BusServiceModule.forRoot(config, 'integrations'),
        integrationsJobsModule(config),
        IntegrationsDataModule.register(config),
      ],
      controllers: [IntegrationsHandler],
      providers: [SyncQueue, SegmentQueue, ...API_USE_CASES],
    };
  }
}
