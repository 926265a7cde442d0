import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AcceptedResponse,
  acceptedResponse,
  batchBody,
  identifyBody,
  pageBody,
  trackBody,
} from '@seg/http-shapes';
import type { z } from 'zod';
import { SdkAuth } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ZodBody } from '../validation/zod-body.decorator';
import { openApiSchema } from '../validation/zod-openapi';
import { IngestMessagesUseCase } from './usecases/ingest-messages/ingest-messages.usecase';

const accepted = ApiAcceptedResponse({
  description: 'Stored durably; applied shortly after. A repeated messageId counts as duplicate.',
  schema: openApiSchema(acceptedResponse, 'output'),
});

/** Segment Spec ingestion (SDK endpoints: public or secret key). */
@ApiTags('ingestion')
@Controller('v1')
export class IngestionController {
  constructor(private readonly ingest: IngestMessagesUseCase) {}

  @Post('identify')
  @SdkAuth()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Identify a user: name, email and custom traits (sdk source)' })
  @accepted
  identify(
    @CurrentWorkspace() workspaceId: string,
    @ZodBody(identifyBody) body: z.output<typeof identifyBody>,
  ): Promise<AcceptedResponse> {
    return this.one(workspaceId, 'identify', body);
  }

  @Post('track')
  @SdkAuth()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Record an event (jimo source)' })
  @accepted
  track(
    @CurrentWorkspace() workspaceId: string,
    @ZodBody(trackBody) body: z.output<typeof trackBody>,
  ): Promise<AcceptedResponse> {
    return this.one(workspaceId, 'track', body);
  }

  @Post('page')
  @SdkAuth()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Record a page view (activity and sessions only)' })
  @accepted
  page(
    @CurrentWorkspace() workspaceId: string,
    @ZodBody(pageBody) body: z.output<typeof pageBody>,
  ): Promise<AcceptedResponse> {
    return this.one(workspaceId, 'page', body);
  }

  @Post('batch')
  @SdkAuth()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Up to 500 identify/track/page messages (≤ 1 MB); bad ones reported per index',
  })
  @accepted
  batch(
    @CurrentWorkspace() workspaceId: string,
    @ZodBody(batchBody) body: z.output<typeof batchBody>,
  ): Promise<AcceptedResponse> {
    return this.ingest.execute({
      workspaceId,
      single: false,
      messages: body.batch.map((message, index) => ({
        type: (message as { type?: unknown } | null)?.type,
        body: message,
        path: `body.batch[${index}]`,
      })),
    });
  }

  private one(workspaceId: string, type: string, body: unknown): Promise<AcceptedResponse> {
    return this.ingest.execute({
      workspaceId,
      single: true,
      messages: [{ type, body, path: 'body' }],
    });
  }
}
