import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { requestContracts, ResponseOf } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import type { z } from 'zod';
import { SecretAuth } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ZodBody } from '../validation/zod-body.decorator';
import { openApiSchema } from '../validation/zod-openapi';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { listUsersQuery, tagsBody, userIdParams } from './users.http-schemas';

const responseOf = (pattern: keyof typeof requestContracts) =>
  openApiSchema(requestContracts[pattern].response, 'output');

/** Profiles and tags (dashboard: secret key). Each call is one request to the users service. */
@ApiTags('users')
@Controller('v1/users')
@SecretAuth()
export class UsersController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOperation({ summary: 'Users, newest activity first, paged by cursor' })
  @ApiOkResponse({ schema: responseOf('users.profiles.list') })
  list(
    @CurrentWorkspace() workspaceId: string,
    @Query(new ZodValidationPipe(listUsersQuery, 'query')) query: z.output<typeof listUsersQuery>,
  ): Promise<ResponseOf<'users.profiles.list'>> {
    return this.bus.request('users.profiles.list', { workspaceId, ...query });
  }

  @Get(':userId')
  @ApiOperation({ summary: 'The whole profile of one user (404 when unknown)' })
  @ApiOkResponse({ schema: responseOf('users.profile.get') })
  get(
    @CurrentWorkspace() workspaceId: string,
    @Param(new ZodValidationPipe(userIdParams, 'params')) params: z.output<typeof userIdParams>,
  ): Promise<ResponseOf<'users.profile.get'>> {
    return this.bus.request('users.profile.get', { workspaceId, userId: params.userId });
  }

  @Post(':userId/tags')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Add tags' })
  @ApiOkResponse({ schema: responseOf('users.tags.add') })
  addTags(
    @CurrentWorkspace() workspaceId: string,
    @Param(new ZodValidationPipe(userIdParams, 'params')) params: z.output<typeof userIdParams>,
    @ZodBody(tagsBody) body: z.output<typeof tagsBody>,
  ): Promise<ResponseOf<'users.tags.add'>> {
    return this.bus.request('users.tags.add', { workspaceId, userId: params.userId, ...body });
  }

  @Delete(':userId/tags')
  @ApiOperation({ summary: 'Remove tags' })
  @ApiOkResponse({ schema: responseOf('users.tags.remove') })
  removeTags(
    @CurrentWorkspace() workspaceId: string,
    @Param(new ZodValidationPipe(userIdParams, 'params')) params: z.output<typeof userIdParams>,
    @ZodBody(tagsBody) body: z.output<typeof tagsBody>,
  ): Promise<ResponseOf<'users.tags.remove'>> {
    return this.bus.request('users.tags.remove', { workspaceId, userId: params.userId, ...body });
  }
}
