import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { SegmentsConfig } from '../config';
import { segmentsJobsModule } from '../jobs';
import { MembershipCombinations } from './membership-combinations';
import { MembershipQueue } from './membership-queue';
import { MembershipSnapshots } from './membership-snapshots';
import { ReadModelRepository } from './read-model.repository';
import { READ_MODEL_SCHEMAS } from './read-model.schemas';

/** The membership read model's collections and queue producer (service and worker). */
@Module({})
export class ReadModelModule {
  static register(config: SegmentsConfig): DynamicModule {
    return {
      module: ReadModelModule,
      imports: [segmentsJobsModule(config), MongooseModule.forFeature(READ_MODEL_SCHEMAS)],
      providers: [
        ReadModelRepository,
        MembershipQueue,
        MembershipCombinations,
        MembershipSnapshots,
      ],
      exports: [ReadModelRepository, MembershipQueue, MembershipCombinations, MembershipSnapshots],
    };
  }
}
