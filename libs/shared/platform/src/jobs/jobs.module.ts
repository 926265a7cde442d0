import { BullModule, Processor, WorkerHost } from '@nestjs/bullmq';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { QueueName } from '@seg/contracts';
import type { DefaultJobOptions } from 'bullmq';
import type { BaseConfig } from '../config/load-config';
import { queueDepthMetricsProvider } from '../metrics/queue-metrics';
import { WorkerDrain } from './worker-drain';

/** @nestjs/bullmq's worker options (the type is not exported by name). */
export type NestWorkerOptions = NonNullable<Parameters<typeof Processor>[1]>;

export interface JobRetries {
  /** Attempts of a job, with exponential backoff between them. */
  attempts: number;
  backoffMs: number;
}

/** Completed jobs kept a day; failed ones kept 14 days for inspection, bounded by count. */
export function defaultJobOptions({ attempts, backoffMs }: JobRetries): DefaultJobOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 1_000 },
    removeOnFail: { age: 14 * 24 * 3600, count: 10_000 },
  };
}

/**
 * Gives a processor (already `@Processor(queue)`) worker options taken from the validated
 * config: a decorator's arguments are evaluated at import, before any config is read.
 */
export function withWorkerOptions<P extends Type<WorkerHost>>(
  processor: P,
  queue: QueueName,
  options: NestWorkerOptions,
): P {
  Processor(queue, options)(processor);
  return processor;
}

/**
 * BullMQ on Redis for a service and its workers. Keys are namespaced by BUS_PREFIX
 * so that several deployments (or test suites) can share one Redis. In a process with
 * processors, their workers are closed (current jobs finished) before connections close.
 * Each queue's depth by state is on `/metrics` (`bullmq_queue_jobs`).
 */
@Module({})
export class JobsModule {
  static forRoot(
    config: BaseConfig,
    options: JobRetries & { queues: readonly QueueName[] },
  ): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({
          connection: { url: config.REDIS_URL },
          prefix: `${config.BUS_PREFIX}:bull`,
          defaultJobOptions: defaultJobOptions(options),
        }),
        BullModule.registerQueue(...options.queues.map((name) => ({ name }))),
      ],
      providers: [WorkerDrain, queueDepthMetricsProvider(options.queues)],
      exports: [BullModule],
    };
  }
}
