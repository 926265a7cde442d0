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
import type { Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import type { BaseConfig } from '../config/load-config';
import { BusCheck, MongoCheck, RedisCheck } from './checks';
import { DEPENDENCY_CHECKS, DependencyCheck, runChecks } from './dependency-check';

export interface HealthOptions {
  mongo?: boolean;
  redis?: boolean;
  bus?: boolean;
}

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
    const tokens = [...classes, ...(options.redis ? [RedisCheck] : [])];
    providers.push({
      provide: DEPENDENCY_CHECKS,
      inject: tokens,
      useFactory: (...checks: DependencyCheck[]) => checks,
    });
    return {
      module: HealthModule,
      controllers: withController ? [HealthController] : [],
      providers,
      exports: [DEPENDENCY_CHECKS],
    };
  }
}
