import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Experience, ExperienceStats } from '@seg/contracts';
import {
  createExperienceBody,
  deletedExperienceResponse,
  experienceListResponse,
  experienceResponse,
  experienceStatsResponse,
  pageQuery,
  updateExperienceBody,
} from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import type { z } from 'zod';
import { SecretAuth, SessionRole } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ApiErrorResponses } from '../docs/error-responses';
import { ZodBody } from '../validation/zod-body.decorator';
import { ZodQuery } from '../validation/zod-query.decorator';
import { openApiSchema } from '../validation/zod-openapi';
import { ExperienceIdPipe } from './experience-id.pipe';
import { InvalidatesTargeting } from './targeting-answers';

/**
 * Dashboard: manage experiences. The experiences service owns them; each route
 * is one bus request to its use case.
 */
@ApiTags('experiences')
@Controller('v1/experiences')
@SecretAuth()
@SessionRole('viewer')
@InvalidatesTargeting()
export class ExperiencesController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @SessionRole('editor')
  @ApiOperation({ summary: 'Create an experience (status draft)' })
  @ApiCreatedResponse({ schema: openApiSchema(experienceResponse, 'output') })
  create(
    @CurrentWorkspace() workspaceId: string,
    @ZodBody(createExperienceBody) body: z.output<typeof createExperienceBody>,
  ): Promise<Experience> {
    return this.bus.request('experiences.experience.create', { workspaceId, experience: body });
  }

  @Get()
  @ApiOperation({ summary: 'Page through the experiences, oldest first' })
  @ApiOkResponse({ schema: openApiSchema(experienceListResponse, 'output') })
  list(
    @CurrentWorkspace() workspaceId: string,
    @ZodQuery(pageQuery) query: z.output<typeof pageQuery>,
  ): Promise<z.output<typeof experienceListResponse>> {
    return this.bus.request('experiences.experience.list', { workspaceId, ...query });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One experience' })
  @ApiOkResponse({ schema: openApiSchema(experienceResponse, 'output') })
  @ApiErrorResponses(404)
  get(
    @CurrentWorkspace() workspaceId: string,
    @Param('id', ExperienceIdPipe) experienceId: string,
  ): Promise<Experience> {
    return this.bus.request('experiences.experience.get', { workspaceId, experienceId });
  }

  @Put(':id')
  @SessionRole('editor')
  @ApiOperation({ summary: 'Change some fields; a published experience changes live' })
  @ApiOkResponse({ schema: openApiSchema(experienceResponse, 'output') })
  @ApiErrorResponses(404)
  update(
    @CurrentWorkspace() workspaceId: string,
    @Param('id', ExperienceIdPipe) experienceId: string,
    @ZodBody(updateExperienceBody) body: z.output<typeof updateExperienceBody>,
  ): Promise<Experience> {
    return this.bus.request('experiences.experience.update', {
      workspaceId,
      experienceId,
      patch: body,
    });
  }

  @Delete(':id')
  @SessionRole('editor')
  @ApiOperation({ summary: 'Delete an experience' })
  @ApiOkResponse({ schema: openApiSchema(deletedExperienceResponse, 'output') })
  @ApiErrorResponses(404)
  delete(
    @CurrentWorkspace() workspaceId: string,
    @Param('id', ExperienceIdPipe) experienceId: string,
  ): Promise<z.output<typeof deletedExperienceResponse>> {
    return this.bus.request('experiences.experience.delete', { workspaceId, experienceId });
  }

  @Post(':id/publish')
  @SessionRole('editor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish: targeted from now on' })
  @ApiOkResponse({ schema: openApiSchema(experienceResponse, 'output') })
  @ApiErrorResponses(404)
  publish(
    @CurrentWorkspace() workspaceId: string,
    @Param('id', ExperienceIdPipe) experienceId: string,
  ): Promise<Experience> {
    return this.bus.request('experiences.experience.publish', { workspaceId, experienceId });
  }

  @Post(':id/unpublish')
  @SessionRole('editor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Unpublish: back to draft, no longer targeted' })
  @ApiOkResponse({ schema: openApiSchema(experienceResponse, 'output') })
  @ApiErrorResponses(404)
  unpublish(
    @CurrentWorkspace() workspaceId: string,
    @Param('id', ExperienceIdPipe) experienceId: string,
  ): Promise<Experience> {
    return this.bus.request('experiences.experience.unpublish', { workspaceId, experienceId });
  }

  @Get(':id/stats')
  @ApiOperation({
    summary:
      'Users who saw, completed and answered it; per question step, the spread of latest answers',
  })
  @ApiOkResponse({ schema: openApiSchema(experienceStatsResponse, 'output') })
  @ApiErrorResponses(404)
  stats(
    @CurrentWorkspace() workspaceId: string,
    @Param('id', ExperienceIdPipe) experienceId: string,
  ): Promise<ExperienceStats> {
    return this.bus.request('experiences.experience.stats', { workspaceId, experienceId });
  }
}
