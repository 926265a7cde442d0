import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AudienceOverlap } from '@seg/contracts';
import { audienceOverlapBody, audienceOverlapResponse } from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import type { z } from 'zod';
import { SecretAuth, SessionRole } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { openApiSchema } from '../validation/zod-openapi';
import { ZodBody } from '../validation/zod-body.decorator';

/**
 * The Audience step's overlap figures. A read (viewers may ask) that takes a body because the
 * audience may be a draft: kept apart from ExperiencesController, whose writes drop the
 * workspace's targeting answers, which a read must not do.
 */
@ApiTags('experiences')
@Controller('v1/experiences/audience-overlap')
@SecretAuth()
@SessionRole('viewer')
export class AudienceOverlapController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      "An audience's reach from the membership read model: what each selected segment adds on " +
      'its own, and its overlap with every other published experience (status, estimated)',
  })
  @ApiOkResponse({ schema: openApiSchema(audienceOverlapResponse, 'output') })
  overlap(
    @CurrentWorkspace() workspaceId: string,
    @ZodBody(audienceOverlapBody) body: z.output<typeof audienceOverlapBody>,
  ): Promise<AudienceOverlap> {
    return this.bus.request('experiences.audience.overlap', { workspaceId, ...body });
  }
}
