import { Module } from '@nestjs/common';
import { TargetingAnswersModule } from '../experiences/targeting-answers.module';
import { SegmentsController } from './segments.controller';

/** /v1/segments, answered by the segments service over the bus. */
@Module({ imports: [TargetingAnswersModule], controllers: [SegmentsController] })
export class SegmentsHttpModule {}
