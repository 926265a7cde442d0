import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfigModule,
  BusModule,
  HealthModule,
  LoggingModule,
  MongoModule,
} from '@seg/platform';
import type { IntegrationsConfig } from './config';
import { DeleteConnectionUseCase } from './connections/usecases/delete-connection/delete-connection.usecase';
import { GetConnectionUseCase } from './connections/usecases/get-connection/get-connection.usecase';
import { ListConnectionsUseCase } from './connections/usecases/list-connections/list-connections.usecase';
import { PutConnectionUseCase } from './connections/usecases/put-connection/put-connection.usecase';
import { IntegrationsDataModule } from './data.module';
import { IntegrationsHandler } from './integrations.handler';
import { JobsModule } from './jobs/bullmq.module';
import { SegmentQueue } from './jobs/segment-queue';
import { SyncQueue } from './jobs/sync-queue';
import { ListRunsUseCase } from './runs/usecases/list-runs/list-runs.usecase';
import { RequestSyncUseCase } from './runs/usecases/request-sync/request-sync.usecase';
import { ReceiveDeliveryUseCase } from './segment/usecases/receive-delivery/receive-delivery.usecase';
import { PingHandler } from './system/ping.handler';

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
        JobsModule.forRoot(config),
        IntegrationsDataModule.register(config),
      ],
      controllers: [PingHandler, IntegrationsHandler],
      providers: [
        SyncQueue,
        SegmentQueue,
        PutConnectionUseCase,
        ListConnectionsUseCase,
        GetConnectionUseCase,
        DeleteConnectionUseCase,
        RequestSyncUseCase,
        ListRunsUseCase,
        ReceiveDeliveryUseCase,
      ],
    };
  }
}
