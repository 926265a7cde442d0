import {
  Controller,
  DynamicModule,
  Get,
  HttpStatus,
  Inject,
  Module,
  Provider,
  Res,
  Type,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import type { Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import type { BaseConfig } from '../config/load-config';
import { QueueWorkerCheck } from '../jobs/queue-worker.check';
import { BusCheck, MongoCheck, RedisCheck } from './checks';
import { DEPENDENCY_CHECKS, DependencyCheck, runChecks } from './dependency-check';

export interface HealthOptions {
  mongo?: boolean;
  redis?: boolean;
  bus?: boolean;
  /** Queues this process works on: each is reported as `queue:<name>`. */
  workerQueues?: readonly string[];
}

const QUEUE_WORKER_CHECKS = Symbol('QUEUE_WORKER_CHECKS');

/** Health report of this process's own dependencies; 503 when any is down. */
@Controller('health')
export class HealthController {
  constructor(@Inject(DEPENDENCY_CHECKS) private readonly checks: DependencyCheck[]) {}

  @Get()
  async health(@Res() response: Response): Promise<void> {
    const checks = await runChecks(this.checks);
    const up = Object.values(checks).every((state) => state === 'up');
    response
      .status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: up ? 'up' : 'down', checks });
  }
}

@Module({})
export class HealthModule {
  static forRoot(options: HealthOptions, withController = true): DynamicModule {
    const classes: Type<DependencyCheck>[] = [];
    if (options.mongo) classes.push(MongoCheck);
    if (options.bus ?? true) classes.push(BusCheck);
    const providers: Provider[] = [...classes];
    if (options.redis) {
      providers.push({
        provide: RedisCheck,
        inject: [APP_CONFIG],
        useFactory: (config: BaseConfig) => new RedisCheck(config.REDIS_URL),
      });
    }
    const queues = options.workerQueues ?? [];
    providers.push({
      provide: QUEUE_WORKER_CHECKS,
      inject: [DiscoveryService],
      useFactory: (discovery: DiscoveryService) =>
        queues.map((queue) => new QueueWorkerCheck(queue, discovery)),
    });
    const tokens = [...classes, ...(options.redis ? [RedisCheck] : [])];
    providers.push({
      provide: DEPENDENCY_CHECKS,
      inject: [QUEUE_WORKER_CHECKS, ...tokens],
      useFactory: (queueChecks: DependencyCheck[], ...checks: DependencyCheck[]) => [
        ...checks,
        ...queueChecks,
      ],
    });
    return {
      module: HealthModule,
      imports: [DiscoveryModule],
      controllers: withController ? [HealthController] : [],
      providers,
      exports: [DEPENDENCY_CHECKS],
    };
  }
}
