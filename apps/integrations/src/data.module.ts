import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { encryptionKeyOf, IntegrationsConfig } from './config';
import { ConnectionRepository } from './connections/connection.repository';
import { CONNECTION_MODEL, ConnectionSchema } from './connections/connection.schema';
import { SecretBox } from './crypto/secret-box';
import { RunRepository } from './runs/run.repository';
import { RUN_MODEL, RunSchema } from './runs/run.schema';
import { SegmentDeliveryRepository } from './segment/segment-delivery.repository';
import { SEGMENT_DELIVERY_MODEL, SegmentDeliverySchema } from './segment/segment-delivery.schema';

/** This service's own collections (connections, runs, stored deliveries) and the secret box. */
@Module({})
export class IntegrationsDataModule {
  static register(config: IntegrationsConfig): DynamicModule {
    return {
      module: IntegrationsDataModule,
      imports: [
        MongooseModule.forFeature([
          { name: CONNECTION_MODEL, schema: ConnectionSchema },
          { name: RUN_MODEL, schema: RunSchema },
          { name: SEGMENT_DELIVERY_MODEL, schema: SegmentDeliverySchema },
        ]),
      ],
      providers: [
        ConnectionRepository,
        RunRepository,
        SegmentDeliveryRepository,
        { provide: SecretBox, useValue: new SecretBox(encryptionKeyOf(config)) },
      ],
      exports: [ConnectionRepository, RunRepository, SegmentDeliveryRepository, SecretBox],
    };
  }
}
