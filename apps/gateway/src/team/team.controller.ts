import { Controller, Delete, Get, Param, PipeTransform, Post, Put, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@seg/contracts';
import {
  accountIdSchema,
  createdInviteResponse,
  createInviteBody,
  inviteIdSchema,
  inviteListResponse,
  inviteRevokedResponse,
  memberListResponse,
  memberRemovedResponse,
  memberResponse,
  updateMemberBody,
} from '@seg/http-shapes';
import type { Request } from 'express';
import type { z } from 'zod';
import type { SessionAuth as Session } from '../auth/auth-context';
import { SessionAuth } from '../auth/auth.decorators';
import { CurrentSession, CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ApiErrorResponses } from '../docs/error-responses';
import { ZodBody } from '../validation/zod-body.decorator';
import { openApiSchema } from '../validation/zod-openapi';
import { ChangeMemberRoleUseCase } from './usecases/change-member-role/change-member-role.usecase';
import { CreateInviteUseCase } from './usecases/create-invite/create-invite.usecase';
import { ListInvitesUseCase } from './usecases/list-invites/list-invites.usecase';
import { ListMembersUseCase } from './usecases/list-members/list-members.usecase';
import { RemoveMemberUseCase } from './usecases/remove-member/remove-member.usecase';
import { RevokeInviteUseCase } from './usecases/revoke-invite/revoke-invite.usecase';

/** An id in the path that cannot be one is simply not found. */
class IdPipe implements PipeTransform<string, string> {
  constructor(
    private readonly schema: z.ZodType<string>,
    private readonly what: string,
  ) {}

  transform(value: string): string {
    if (this.schema.safeParse(value).success) return value;
    throw new DomainError('NOT_FOUND', `${this.what} not found`);
  }
}

/**
 * /v1/team: the members of the session's workspace (X-Workspace-Id) and their invites, for
 * sessions only (admin, but the member list for everyone in the workspace).
 */
@ApiTags('team')
@Controller('v1/team')
@ApiErrorResponses(404)
export class TeamController {
  constructor(
    private readonly createInvite: CreateInviteUseCase,
    private readonly listInvites: ListInvitesUseCase,
    private readonly revokeInvite: RevokeInviteUseCase,
    private readonly listMembers: ListMembersUseCase,
    private readonly changeRole: ChangeMemberRoleUseCase,
    private readonly removeMember: RemoveMemberUseCase,
  ) {}

  @Post('invites')
  @SessionAuth('admin')
  @ApiOperation({ summary: 'Invite someone: a one-time link (7 days), shown only in this answer' })
  @ApiCreatedResponse({ schema: openApiSchema(createdInviteResponse, 'output') })
  invite(
    @CurrentWorkspace() workspaceId: string,
    @CurrentSession() session: Session,
    @ZodBody(createInviteBody) body: z.output<typeof createInviteBody>,
    @Req() request: Request,
  ): Promise<z.output<typeof createdInviteResponse>> {
    return this.createInvite.execute({
      ...body,
      workspaceId,
      createdBy: session.accountId,
      origin: `${request.protocol}://${request.get('host') ?? 'localhost'}`,
    });
  }

  @Get('invites')
  @SessionAuth('admin')
  @ApiOperation({ summary: 'Invites not used, revoked or expired yet' })
  @ApiOkResponse({ schema: openApiSchema(inviteListResponse, 'output') })
  invites(@CurrentWorkspace() workspaceId: string): Promise<z.output<typeof inviteListResponse>> {
    return this.listInvites.execute({ workspaceId });
  }

  @Delete('invites/:id')
  @SessionAuth('admin')
  @ApiOperation({ summary: 'Revoke an invite: its token stops working (409 when used already)' })
  @ApiOkResponse({ schema: openApiSchema(inviteRevokedResponse, 'output') })
  @ApiErrorResponses(409)
  revoke(
    @CurrentWorkspace() workspaceId: string,
    @CurrentSession() session: Session,
    @Param('id', new IdPipe(inviteIdSchema, 'Invite')) inviteId: string,
  ): Promise<z.output<typeof inviteRevokedResponse>> {
    return this.revokeInvite.execute({ workspaceId, inviteId, revokedBy: session.accountId });
  }

  @Get('members')
  @SessionAuth('viewer')
  @ApiOperation({ summary: 'Members of the workspace with their roles' })
  @ApiOkResponse({ schema: openApiSchema(memberListResponse, 'output') })
  members(@CurrentWorkspace() workspaceId: string): Promise<z.output<typeof memberListResponse>> {
    return this.listMembers.execute({ workspaceId });
  }

  @Put('members/:accountId')
  @SessionAuth('admin')
  @ApiOperation({ summary: "Change a member's role (the last admin cannot be demoted: 409)" })
  @ApiOkResponse({ schema: openApiSchema(memberResponse, 'output') })
  @ApiErrorResponses(409)
  update(
    @CurrentWorkspace() workspaceId: string,
    @Param('accountId', new IdPipe(accountIdSchema, 'Member')) accountId: string,
    @ZodBody(updateMemberBody) body: z.output<typeof updateMemberBody>,
  ): Promise<z.output<typeof memberResponse>> {
    return this.changeRole.execute({ ...body, workspaceId, accountId });
  }

  @Delete('members/:accountId')
  @SessionAuth('admin')
  @ApiOperation({ summary: 'Remove a member (the last admin cannot be removed: 409)' })
  @ApiOkResponse({ schema: openApiSchema(memberRemovedResponse, 'output') })
  @ApiErrorResponses(409)
  remove(
    @CurrentWorkspace() workspaceId: string,
    @Param('accountId', new IdPipe(accountIdSchema, 'Member')) accountId: string,
  ): Promise<z.output<typeof memberRemovedResponse>> {
    return this.removeMember.execute({ workspaceId, accountId });
  }
}
