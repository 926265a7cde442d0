import { DynamicModule, Global, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { BaseConfig } from '../config/load-config';
import { BusClient } from './bus-client';
import { ShutdownDrain } from './shutdown-drain';

@Global()
@Module({})
export class BusModule implements OnApplicationBootstrap {
  constructor(@Inject(BusClient) private readonly client: BusClient) {}

  static forRoot(): DynamicModule {
    return {
      module: BusModule,
      providers: [
        ShutdownDrain,
        {
          provide: BusClient,
          inject: [APP_CONFIG],
          useFactory: (config: BaseConfig) => new BusClient(config),
        },
      ],
      exports: [BusClient],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.client.connect();
  }
}
