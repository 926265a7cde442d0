import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { IntegrationsConfig } from '../config';
import { SEGMENT_QUEUE } from './segment-queue';
import { SYNC_QUEUE } from './sync-queue';

/**
 * BullMQ on Redis. Keys are namespaced by BUS_PREFIX so that several
 * deployments (or test suites) can share one Redis.
 */
@Module({})
export class JobsModule {
  static forRoot(config: IntegrationsConfig): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        BullModule.forRoot({
          connection: { url: config.REDIS_URL },
          prefix: `${config.BUS_PREFIX}:bull`,
          defaultJobOptions: {
            attempts: config.SYNC_ATTEMPTS,
            backoff: { type: 'exponential', delay: config.SYNC_BACKOFF_MS },
            removeOnComplete: { age: 24 * 3600, count: 1_000 },
            // Failed jobs are kept for inspection, bounded by age and count.
            removeOnFail: { age: 14 * 24 * 3600, count: 10_000 },
          },
        }),
        BullModule.registerQueue(
          { name: 'integrations.system' },
          { name: SYNC_QUEUE },
          { name: SEGMENT_QUEUE },
        ),
      ],
      exports: [BullModule],
    };
  }
}
