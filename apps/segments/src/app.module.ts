import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfigModule,
  BusModule,
  HealthModule,
  LoggingModule,
  MongoModule,
} from '@seg/platform';
import type { SegmentsConfig } from './config';
import { SegmentsModule } from './segments.module';
import { PingHandler } from './system/ping.handler';

@Module({})
export class AppModule {
  static register(config: SegmentsConfig): DynamicModule {
    const health = HealthModule.forRoot({ mongo: true });
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'segments'),
        MongoModule.forRoot(config),
        BusModule.forRoot(),
        health,
        SegmentsModule,
      ],
      controllers: [PingHandler],
    };
  }
}
