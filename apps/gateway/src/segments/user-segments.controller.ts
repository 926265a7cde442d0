import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ResponseOf } from '@seg/contracts';
import { pageQuery, userIdParams, userSegmentHistoryResponse } from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import type { z } from 'zod';
import { SecretAuth, SessionRole } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ApiErrorResponses } from '../docs/error-responses';
import { openApiSchema } from '../validation/zod-openapi';
import { ZodQuery } from '../validation/zod-query.decorator';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';

/** A user's membership history, answered by the segments service (its read model). */
@ApiTags('segments')
@Controller('v1/users')
@SecretAuth()
@SessionRole('viewer')
@ApiErrorResponses(400, 503)
export class UserSegmentsController {
  constructor(private readonly bus: BusClient) {}

  @Get(':userId/segments/history')
  @ApiOperation({ summary: "A user's entered/exited segment changes, newest first, paged" })
  @ApiOkResponse({ schema: openApiSchema(userSegmentHistoryResponse, 'output') })
  history(
    @CurrentWorkspace() workspaceId: string,
    @Param(new ZodValidationPipe(userIdParams, 'params')) params: z.output<typeof userIdParams>,
    @ZodQuery(pageQuery) query: z.output<typeof pageQuery>,
  ): Promise<ResponseOf<'segments.user.history'>> {
    return this.bus.request('segments.user.history', {
      workspaceId,
      userId: params.userId,
      ...query,
    });
  }
}
