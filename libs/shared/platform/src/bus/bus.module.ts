import { DynamicModule, Global, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { BaseConfig } from '../config/load-config';
import { BusBroadcast } from './bus-broadcast';
import { BusClient } from './bus-client';
import { ShutdownDrain } from './shutdown-drain';

@Global()
@Module({})
export class BusModule implements OnApplicationBootstrap {
  constructor(
    @Inject(BusClient) private readonly client: BusClient,
    @Inject(BusBroadcast) private readonly broadcast: BusBroadcast,
  ) {}

  static forRoot(): DynamicModule {
    return {
      module: BusModule,
      providers: [
        ShutdownDrain,
        BusBroadcast,
        {
          provide: BusClient,
          inject: [APP_CONFIG],
          useFactory: (config: BaseConfig) => new BusClient(config),
        },
      ],
      exports: [BusClient, BusBroadcast],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.client.connect();
    // Listeners were registered in onModuleInit, which runs before any bootstrap hook.
    await this.broadcast.start();
  }
}
