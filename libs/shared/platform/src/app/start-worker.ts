import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import type { QueueName } from '@seg/contracts';
import type { BaseConfig } from '../config/load-config';
import { HealthModule } from '../health/health.module';
import { WorkerDrain } from '../jobs/worker-drain';
import { ServiceLogger } from '../logging/service-logger';
import { serveObservability, startObservability } from './observability';

export interface WorkerOptions {
  /** Name in logs, e.g. `integrations-worker`. */
  name: string;
  config: BaseConfig & { HOST?: string };
  /** The processors and what they use; it imports AppConfigModule, LoggingModule and JobsModule. */
  rootModule: Type<unknown> | DynamicModule;
  /** Port of this process's /health. */
  httpPort: number;
  /** Queues worked on here, each reported on /health. */
  queues: readonly QueueName[];
  /** Whether the processors send over the bus (then /health reports RabbitMQ too). */
  usesBus?: boolean;
}

@Module({})
class WorkerProcessModule {
  static register(options: WorkerOptions): DynamicModule {
    return {
      module: WorkerProcessModule,
      imports: [
        DiscoveryModule,
        options.rootModule,
        HealthModule.forRoot({
          redis: true,
          bus: options.usesBus ?? true,
          workerQueues: options.queues,
        }),
      ],
      providers: [WorkerDrain],
    };
  }
}

/**
 * Boots a BullMQ worker process like a service: pino logs, `/health` (Redis, the bus,
 * each queue's worker), `/metrics` beside it (queue depths, job durations, the process),
 * traces when an OTLP endpoint is configured and, on SIGTERM/SIGINT, the current jobs
 * finish before the connections close. No bus consumer: workers take their work from Redis.
 */
export async function startWorker(options: WorkerOptions): Promise<INestApplication> {
  startObservability(options.name);
  const app = await NestFactory.create(WorkerProcessModule.register(options), {
    bufferLogs: true,
  });
  app.useLogger(app.get(ServiceLogger));
  app.enableShutdownHooks();
  await serveObservability(app, { host: options.config.HOST ?? '127.0.0.1' });
  await app.listen(options.httpPort, options.config.HOST ?? '127.0.0.1');
  const url = await app.getUrl();
  app
    .get(ServiceLogger)
    .log({ service: options.name, url, metricsUrl: `${url}/metrics` }, `${options.name} started`);
  return app;
}
