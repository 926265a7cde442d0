import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { recordedInteractionResponse, recordInteractionBody } from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import type { z } from 'zod';
import { SdkAuth } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ApiErrorResponses } from '../docs/error-responses';
import { ZodBody } from '../validation/zod-body.decorator';
import { openApiSchema } from '../validation/zod-openapi';

@ApiTags('experiences')
@Controller('v1/interactions')
export class InteractionsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @SdkAuth()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'Record that a user saw, completed (a step of) or answered an experience; idempotent by messageId',
  })
  @ApiAcceptedResponse({ schema: openApiSchema(recordedInteractionResponse, 'output') })
  @ApiErrorResponses(404)
  record(
    @CurrentWorkspace() workspaceId: string,
    @ZodBody(recordInteractionBody) body: z.output<typeof recordInteractionBody>,
  ): Promise<z.output<typeof recordedInteractionResponse>> {
    return this.bus.request('experiences.interaction.record', { workspaceId, interaction: body });
  }
}
