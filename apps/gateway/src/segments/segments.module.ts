import { Module } from '@nestjs/common';
import { SegmentsController } from './segments.controller';

/** /v1/segments, answered by the segments service over the bus. */
@Module({ controllers: [SegmentsController] })
export class SegmentsHttpModule {}
