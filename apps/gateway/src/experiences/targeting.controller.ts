import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { targetedExperiencesResponse, userIdParam } from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import type { z } from 'zod';
import { SdkAuth } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { openApiSchema } from '../validation/zod-openapi';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { TargetingAnswers } from './targeting-answers';

@ApiTags('experiences')
@Controller('v1/users/:userId/experiences')
export class TargetingController {
  constructor(
    private readonly bus: BusClient,
    private readonly answers: TargetingAnswers,
  ) {}

  @Get()
  @SdkAuth()
  @ApiOperation({ summary: 'The published experiences this user is targeted by now' })
  @ApiOkResponse({ schema: openApiSchema(targetedExperiencesResponse, 'output') })
  async list(
    @CurrentWorkspace() workspaceId: string,
    @Param('userId', new ZodValidationPipe(userIdParam, 'params')) userId: string,
  ): Promise<z.output<typeof targetedExperiencesResponse>> {
    const cached = this.answers.get(workspaceId, userId);
    if (cached) return { experiences: cached };
    const askedAt = Date.now();
    const { experiences, reusable } = await this.bus.request('experiences.targeting.list', {
      workspaceId,
      userId,
    });
    if (reusable) this.answers.put(workspaceId, userId, experiences, askedAt);
    return { experiences };
  }
}
