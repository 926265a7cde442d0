import { Module } from '@nestjs/common';
import { IntegrationsController, SegmentWebhookController } from './integrations.controller';
import { SegmentRawBodyParser } from './segment-raw-body';

@Module({
  controllers: [IntegrationsController, SegmentWebhookController],
  providers: [SegmentRawBodyParser],
})
export class IntegrationsModule {}
