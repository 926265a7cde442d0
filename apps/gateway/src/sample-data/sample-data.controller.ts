import { Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sampleDataResponse } from '@seg/http-shapes';
import type { Request } from 'express';
import type { z } from 'zod';
import { SessionAuth } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ApiErrorResponses } from '../docs/error-responses';
import { openApiSchema } from '../validation/zod-openapi';
import { LoadSampleDataUseCase } from './usecases/load-sample-data/load-sample-data.usecase';

/** "Load sample data" on the empty Users & Segments page (dashboard sessions of editors and admins). */
@ApiTags('workspaces')
@Controller('v1/workspaces/current/sample-data')
export class SampleDataController {
  constructor(private readonly loadSampleData: LoadSampleDataUseCase) {}

  @Post()
  @SessionAuth('editor')
  @HttpCode(HttpStatus.CREATED)
  @ApiErrorResponses(409)
  @ApiOperation({
    summary:
      'Load the sample dataset (users, events, custom attributes of every source, experiences, segments) into an empty workspace, once; 409 when it is not empty or was loaded',
  })
  @ApiCreatedResponse({ schema: openApiSchema(sampleDataResponse, 'output') })
  load(
    @CurrentWorkspace() workspaceId: string,
    @Req() request: Request,
  ): Promise<z.output<typeof sampleDataResponse>> {
    return this.loadSampleData.execute({ workspaceId, apiBaseUrl: selfUrl(request) });
  }
}

/**
 * This gateway as its own SDK client reaches it: the address and port the request came to
 * (whatever HOST and GATEWAY_PORT are, and behind any proxy).
 */
function selfUrl(request: Request): string {
  const socket = request.socket;
  const address = (socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${socket.localPort ?? 3000}`;
}
