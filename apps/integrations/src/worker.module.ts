import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule, LoggingModule } from '@seg/platform';
import type { IntegrationsConfig } from './config';
import { JobsModule } from './jobs/bullmq.module';
import { SystemProcessor } from './jobs/system.processor';

/** The sync workers: a second entry point of this app, with no HTTP and no bus consumer. */
@Module({})
export class WorkerModule {
  static register(config: IntegrationsConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'integrations-worker'),
        JobsModule.forRoot(config),
      ],
      providers: [SystemProcessor],
    };
  }
}
