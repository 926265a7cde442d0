import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfigModule,
  BusModule,
  HealthModule,
  LoggingModule,
  MongoModule,
} from '@seg/platform';
import type { ExperiencesConfig } from './config';
import { ExperiencesModule } from './experiences.module';
import { PingHandler } from './system/ping.handler';

@Module({})
export class AppModule {
  static register(config: ExperiencesConfig): DynamicModule {
    const health = HealthModule.forRoot({ mongo: true });
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'experiences'),
        MongoModule.forRoot(config),
        BusModule.forRoot(),
        health,
        ExperiencesModule,
      ],
      controllers: [PingHandler],
    };
  }
}
