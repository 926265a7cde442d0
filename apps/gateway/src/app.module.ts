import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfigModule,
  BusModule,
  HealthModule,
  LoggingModule,
  MongoModule,
} from '@seg/platform';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import type { GatewayConfig } from './config';
import { ExperiencesGatewayModule } from './experiences/experiences.module';
import { GatewayHealthController } from './health/gateway-health.controller';
import { IntegrationsModule } from './integrations/integrations.module';
import { QueueDashboard } from './queues/queue-dashboard';
import { SampleDataModule } from './sample-data/sample-data.module';
import { SegmentsHttpModule } from './segments/segments.module';
import { TeamModule } from './team/team.module';
import { UsersModule } from './users/users.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'gateway', true),
        MongoModule.forRoot(config),
        BusModule.forRoot(),
        HealthModule.forRoot({ mongo: true, redis: true }, false),
        AuthModule,
        WorkspacesModule,
        AccountsModule,
        TeamModule,
        ExperiencesGatewayModule,
        SegmentsHttpModule,
        UsersModule,
        IntegrationsModule,
        SampleDataModule,
      ],
      controllers: [GatewayHealthController],
      providers: [QueueDashboard],
    };
  }
}
