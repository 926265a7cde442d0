import { DynamicModule, Module } from '@nestjs/common';
import { BusServiceModule } from '@seg/platform';
import type { ExperiencesConfig } from './config';
import { ExperiencesModule } from './experiences.module';

@Module({})
export class AppModule {
  static register(config: ExperiencesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [BusServiceModule.forRoot(config, 'experiences'), ExperiencesModule],
    };
  }
}
