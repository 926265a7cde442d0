import { DynamicModule, Module } from '@nestjs/common';
import { BusServiceModule } from '@seg/platform';
import type { SegmentsConfig } from './config';
import { SegmentsModule } from './segments.module';

@Module({})
export class AppModule {
  static register(config: SegmentsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [BusServiceModule.forRoot(config, 'segments'), SegmentsModule.register(config)],
    };
  }
}
