import { Module } from '@nestjs/common';
import { TargetingAnswers, TargetingInvalidationInterceptor } from './targeting-answers';

/** One cache of targeting answers per gateway, shared by the routes that read or drop it. */
@Module({
  providers: [TargetingAnswers, TargetingInvalidationInterceptor],
  exports: [TargetingAnswers, TargetingInvalidationInterceptor],
})
export class TargetingAnswersModule {}
