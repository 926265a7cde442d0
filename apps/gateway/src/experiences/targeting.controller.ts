import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { targetedExperiencesResponse, userIdParam } from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import type { Response } from 'express';
import type { z } from 'zod';
import { SdkAuth } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { LoadShedder } from '../limits/load-shedding';
import { openApiSchema } from '../validation/zod-openapi';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { answerEtag, etagMatches, TARGETING_CACHE_CONTROL } from './targeting-etag';
import { TargetingAnswers } from './targeting-answers';

type TargetedExperiences = z.output<typeof targetedExperiencesResponse>;

@ApiTags('experiences')
@Controller('v1/users/:userId/experiences')
export class TargetingController {
  constructor(
    private readonly bus: BusClient,
    private readonly answers: TargetingAnswers,
    private readonly shedder: LoadShedder,
  ) {}

  /**
   * Conditional: the answer carries an `ETag` (a digest of its content) and
   * `Cache-Control: private, no-cache`, so a browser or the SDK may keep it and ask again
   * with `If-None-Match`; an unchanged answer is then a bodiless 304. `no-cache` rather
   * than a max-age: an edit must reach targeting within 1 s. The tags are compared here,
   * not by Express: `fetch` adds `Cache-Control: no-cache` to a request that sets
   * `If-None-Match` itself, and Express then never answers 304.
   */
  @Get()
  @SdkAuth()
  @ApiOperation({ summary: 'The published experiences this user is targeted by now' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'ETag of a kept answer' })
  @ApiOkResponse({ schema: openApiSchema(targetedExperiencesResponse, 'output') })
  @ApiResponse({ status: 304, description: 'Unchanged since the answer of the given ETag' })
  async list(
    @CurrentWorkspace() workspaceId: string,
    @Param('userId', new ZodValidationPipe(userIdParam, 'params')) userId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TargetedExperiences | undefined> {
    const { answer, cached } = await this.answer(workspaceId, userId);
    const etag = answerEtag(answer);
    // Whether this gateway's cache served it (observability; tests wait for a `hit`).
    response.setHeader('X-Cache', cached ? 'hit' : 'miss');
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', TARGETING_CACHE_CONTROL);
    response.vary('Authorization');
    if (etagMatches(ifNoneMatch, etag)) {
      response.status(304);
      return undefined;
    }
    return answer;
  }

  private async answer(
    workspaceId: string,
    userId: string,
  ): Promise<{ answer: TargetedExperiences; cached: boolean }> {
    const cached = this.answers.get(workspaceId, userId);
    if (cached) return { answer: { experiences: cached }, cached: true };
    return this.shedder.run(async () => {
      const askedAt = Date.now();
      const { experiences, reusable, validUntil } = await this.bus.request(
        'experiences.targeting.list',
        { workspaceId, userId },
      );
      if (reusable) this.answers.put(workspaceId, userId, experiences, askedAt);
      else if (validUntil) {
        this.answers.put(workspaceId, userId, experiences, askedAt, Date.parse(validUntil));
      }
      return { answer: { experiences }, cached: false };
    });
  }
}
