import { Controller, Delete, Get, HttpCode, HttpStatus, Logger, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ResponseOf } from '@seg/contracts';
import {
  pageQuery,
  tagsBody,
  userIdParams,
  userEventsQuery,
  userEventsResponse,
  userListResponse,
  userProfileResponse,
  UserProfileResponse,
  userTagsResponse,
} from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import type { z } from 'zod';
import { SecretAuth, SessionRole } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ZodBody } from '../validation/zod-body.decorator';
import { ZodQuery } from '../validation/zod-query.decorator';
import { openApiSchema } from '../validation/zod-openapi';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { InvalidatesTargeting } from '../experiences/targeting-answers';

/**
 * Profiles and tags (dashboard: secret key). Each call is one request to the users service;
 * GET /v1/users/:userId also asks the segments service, in parallel, which segments the
 * user is in.
 */
@ApiTags('users')
@Controller('v1/users')
@SecretAuth()
@SessionRole('viewer')
export class UsersController {
  private readonly logger = new Logger(UsersController.name);

  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOperation({ summary: 'Users, newest activity first, paged by cursor' })
  @ApiOkResponse({ schema: openApiSchema(userListResponse, 'output') })
  list(
    @CurrentWorkspace() workspaceId: string,
    @ZodQuery(pageQuery) query: z.output<typeof pageQuery>,
  ): Promise<ResponseOf<'users.profiles.list'>> {
    return this.bus.request('users.profiles.list', { workspaceId, ...query });
  }

  @Get(':userId/events')
  @ApiOperation({ summary: "A user's most recent events, newest first (404 when unknown)" })
  @ApiOkResponse({ schema: openApiSchema(userEventsResponse, 'output') })
  events(
    @CurrentWorkspace() workspaceId: string,
    @Param(new ZodValidationPipe(userIdParams, 'params')) params: z.output<typeof userIdParams>,
    @ZodQuery(userEventsQuery) query: z.output<typeof userEventsQuery>,
  ): Promise<ResponseOf<'users.user.events'>> {
    return this.bus.request('users.user.events', { workspaceId, userId: params.userId, ...query });
  }

  @Get(':userId')
  @ApiOperation({ summary: 'The whole profile of one user (404 when unknown)' })
  @ApiOkResponse({ schema: openApiSchema(userProfileResponse, 'output') })
  async get(
    @CurrentWorkspace() workspaceId: string,
    @Param(new ZodValidationPipe(userIdParams, 'params')) params: z.output<typeof userIdParams>,
  ): Promise<UserProfileResponse> {
    const query = { workspaceId, userId: params.userId };
    // Caught here (not after the profile) so that a 404 never leaves it unhandled.
    const segments = this.bus.request('segments.membership.ofUser', query).then(
      (answer) => ({ segments: answer.segments }),
      (error: unknown) => {
        this.logger.warn({ err: error, workspaceId }, 'Segments of a user unavailable');
        return { segmentsError: 'unavailable' as const };
      },
    );
    const profile = await this.bus.request('users.profile.get', query);
    return { ...profile, ...(await segments) };
  }

  @Post(':userId/tags')
  @SessionRole('editor')
  @InvalidatesTargeting()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Add tags' })
  @ApiOkResponse({ schema: openApiSchema(userTagsResponse, 'output') })
  addTags(
    @CurrentWorkspace() workspaceId: string,
    @Param(new ZodValidationPipe(userIdParams, 'params')) params: z.output<typeof userIdParams>,
    @ZodBody(tagsBody) body: z.output<typeof tagsBody>,
  ): Promise<ResponseOf<'users.tags.add'>> {
    return this.bus.request('users.tags.add', { workspaceId, userId: params.userId, ...body });
  }

  @Delete(':userId/tags')
  @SessionRole('editor')
  @InvalidatesTargeting()
  @ApiOperation({ summary: 'Remove tags' })
  @ApiOkResponse({ schema: openApiSchema(userTagsResponse, 'output') })
  removeTags(
    @CurrentWorkspace() workspaceId: string,
    @Param(new ZodValidationPipe(userIdParams, 'params')) params: z.output<typeof userIdParams>,
    @ZodBody(tagsBody) body: z.output<typeof tagsBody>,
  ): Promise<ResponseOf<'users.tags.remove'>> {
    return this.bus.request('users.tags.remove', { workspaceId, userId: params.userId, ...body });
  }
}
