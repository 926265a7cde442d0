import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import type { QueueEvents } from 'bullmq';
import {
  AppConfigModule,
  BusModule,
  LoggingModule,
  MongoModule,
  withWorkerOptions,
} from '@seg/platform';
import { Redis } from 'ioredis';
import type { IntegrationsConfig } from './config';
import { IntegrationsDataModule } from './data.module';
import { integrationsJobsModule } from './jobs/bullmq.module';
import { SYNC_QUEUE } from './jobs/sync-queue';
import { SystemProcessor } from './jobs/system.processor';
import { CustomerIoProvider } from './providers/customerio/customerio.provider';
import { HubSpotProvider } from './providers/hubspot/hubspot.provider';
import { SegmentProcessor } from './segment/segment.processor';
import { ProviderRegistry } from './sync/provider-registry';
import { RequestLimiter } from './sync/request-limiter';
import { SYNC_PAGES_EVENTS, SYNC_PAGES_QUEUE, syncPagesEventsProvider } from './sync/sync-pages';
import { SYNC_PROVIDER_ADAPTERS } from './sync/sync-provider';
import { SyncProcessor } from './sync/sync.processor';
import { WORKER_USE_CASES } from './use-cases';

/**
 * The workers (syncs, Segment.io deliveries): a second entry point of this app, with no
 * HTTP and no bus consumer (a bus client only, to send requests to the users service).
 */
@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(private readonly moduleRef: ModuleRef) {}

  async onApplicationShutdown(): Promise<void> {
    await this.moduleRef.get(RequestLimiter, { strict: false }).close();
    await this.moduleRef.get<QueueEvents>(SYNC_PAGES_EVENTS, { strict: false }).close();
  }

  static register(config: IntegrationsConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'integrations-worker'),
        MongoModule.forRoot(config),
        // A client only (no consumer): Segment deliveries are applied through the users service.
        BusModule.forRoot(),
        integrationsJobsModule(config),
        IntegrationsDataModule.register(config),
        // Pages of records go to the users service, the only writer of profiles.
        BullModule.registerQueue({ name: SYNC_PAGES_QUEUE }),
      ],
      providers: [
        SystemProcessor,
        withWorkerOptions(SyncProcessor, SYNC_QUEUE, {
          concurrency: config.SYNC_CONCURRENCY,
          // A worker that dies mid-run loses its job after this; another one resumes it.
          lockDuration: config.SYNC_LOCK_DURATION_MS,
          stalledInterval: config.SYNC_LOCK_DURATION_MS,
        }),
        SegmentProcessor,
        ...WORKER_USE_CASES,
        syncPagesEventsProvider(config),
        HubSpotProvider,
        CustomerIoProvider,
        {
          provide: SYNC_PROVIDER_ADAPTERS,
          useFactory: (hubspot: HubSpotProvider, customerio: CustomerIoProvider) => [
            hubspot,
            customerio,
          ],
          inject: [HubSpotProvider, CustomerIoProvider],
        },
        ProviderRegistry,
        {
          provide: RequestLimiter,
          useFactory: () =>
            new RequestLimiter(
              new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 3 }),
              `${config.BUS_PREFIX}:integrations`,
            ),
        },
      ],
    };
  }
}
