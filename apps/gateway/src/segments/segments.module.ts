import { Module } from '@nestjs/common';
import { TargetingAnswersModule } from '../experiences/targeting-answers.module';
import { SegmentsController } from './segments.controller';
import { UserSegmentsController } from './user-segments.controller';

/** /v1/segments (and /v1/users/:userId/segments/history), answered by the segments service over the bus. */
@Module({
  imports: [TargetingAnswersModule],
  controllers: [SegmentsController, UserSegmentsController],
})
export class SegmentsHttpModule {}
