import { DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '../bus/bus.module';
import { AppConfigModule } from '../config/config.module';
import type { BaseConfig } from '../config/load-config';
import { HealthModule } from '../health/health.module';
import { pingHandlerFor, PingedService } from '../health/ping-handler';
import { LoggingModule } from '../logging/logging.module';
import { BusQueueMetrics } from '../metrics/bus-queue-metrics';
import { MongoModule } from '../mongo/mongo.module';

/**
 * What every bus service (users, segments, experiences, integrations) is built on:
 * its validated config, pino logs named after it, MongoDB, the bus client, `/health`
 * (MongoDB and RabbitMQ), its bus queue's depth on `/metrics` and its answer to the
 * gateway's `<service>.system.ping`.
 * A service's AppModule imports this first, then its own modules.
 */
@Module({})
export class BusServiceModule {
  static forRoot(config: BaseConfig, service: PingedService): DynamicModule {
    return {
      module: BusServiceModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, service),
        MongoModule.forRoot(config),
        BusModule.forRoot(),
        HealthModule.forRoot({ mongo: true }),
      ],
      controllers: [pingHandlerFor(service)],
      providers: [
        { provide: BusQueueMetrics, useFactory: () => new BusQueueMetrics(config, service) },
      ],
    };
  }
}
