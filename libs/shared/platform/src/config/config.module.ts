import { DynamicModule, Global, Module } from '@nestjs/common';
import type { z } from 'zod';
import type { BaseConfig } from './load-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Makes the already-validated config injectable as `@Inject(APP_CONFIG)`. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot<C extends BaseConfig>(config: C): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

export type ConfigOf<S extends z.ZodType> = z.output<S>;
