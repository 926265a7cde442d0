import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfigModule,
  BusModule,
  HealthModule,
  LoggingModule,
  MongoModule,
} from '@seg/platform';
import type { UsersConfig } from './config';
import { PingHandler } from './system/ping.handler';

@Module({})
export class AppModule {
  static register(config: UsersConfig): DynamicModule {
    const health = HealthModule.forRoot({ mongo: true });
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'users'),
        MongoModule.forRoot(config),
        BusModule.forRoot(),
        health,
      ],
      controllers: [PingHandler],
    };
  }
}
