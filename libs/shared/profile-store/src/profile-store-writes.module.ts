import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KEPT_RECORD_MODEL, KeptRecordSchema } from './sync/kept-record.schema';
import { KeptRecordRepository } from './sync/kept-record.repository';
import { SourceAttributesWriter } from './sync/source-attributes.writer';

/** The users service's own write paths (see writes.ts). Needs the service's MongoModule connection. */
@Module({
  imports: [MongooseModule.forFeature([{ name: KEPT_RECORD_MODEL, schema: KeptRecordSchema }])],
  providers: [KeptRecordRepository, SourceAttributesWriter],
  exports: [KeptRecordRepository, SourceAttributesWriter],
})
export class ProfileStoreWritesModule {}
