import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { BaseConfig } from '@seg/platform';

/**
 * BullMQ on Redis. Keys are namespaced by BUS_PREFIX so that several
 * deployments (or test suites) can share one Redis.
 */
@Module({})
export class JobsModule {
  static forRoot(config: BaseConfig): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        BullModule.forRoot({
          connection: { url: config.REDIS_URL },
          prefix: `${config.BUS_PREFIX}:bull`,
          defaultJobOptions: {
            attempts: 5,
            backoff: { type: 'exponential', delay: 1_000 },
            removeOnComplete: { age: 24 * 3600, count: 1_000 },
            // Failed jobs are kept for inspection, bounded by age and count.
            removeOnFail: { age: 14 * 24 * 3600, count: 10_000 },
          },
        }),
        BullModule.registerQueue({ name: 'integrations.system' }),
      ],
      exports: [BullModule],
    };
  }
}
