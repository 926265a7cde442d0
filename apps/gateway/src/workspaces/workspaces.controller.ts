import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createdWorkspaceResponse,
  createWorkspaceBody,
  rotatedKeyResponse,
  rotateKeyBody,
  workspaceResponse,
} from '@seg/http-shapes';
import type { z } from 'zod';
import { AdminAuth, SecretAuth } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ZodBody } from '../validation/zod-body.decorator';
import { openApiSchema } from '../validation/zod-openapi';
import { CreateWorkspaceUseCase } from './create-workspace/create-workspace.usecase';
import { GetWorkspaceUseCase } from './get-workspace/get-workspace.usecase';
import { RotateKeyUseCase } from './rotate-key/rotate-key.usecase';

@ApiTags('workspaces')
@Controller('v1/workspaces')
export class WorkspacesController {
  constructor(
    private readonly createWorkspace: CreateWorkspaceUseCase,
    private readonly getWorkspace: GetWorkspaceUseCase,
    private readonly rotateKey: RotateKeyUseCase,
  ) {}

  @Post()
  @AdminAuth()
  @ApiOperation({ summary: 'Create a workspace and its keys (shown only in this answer)' })
  @ApiCreatedResponse({ schema: openApiSchema(createdWorkspaceResponse, 'output') })
  create(
    @ZodBody(createWorkspaceBody) body: z.output<typeof createWorkspaceBody>,
  ): Promise<z.output<typeof createdWorkspaceResponse>> {
    return this.createWorkspace.execute({ name: body.name });
  }

  @Get('current')
  @SecretAuth()
  @ApiOperation({ summary: "The secret key's workspace" })
  @ApiOkResponse({ schema: openApiSchema(workspaceResponse, 'output') })
  async current(
    @CurrentWorkspace() workspaceId: string,
  ): Promise<z.output<typeof workspaceResponse>> {
    const workspace = await this.getWorkspace.execute({ workspaceId });
    return { ...workspace, createdAt: workspace.createdAt.toISOString() };
  }

  @Post('current/keys/rotate')
  @SecretAuth()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Replace the public or the secret key; the old one stops working, no data is lost',
  })
  @ApiOkResponse({ schema: openApiSchema(rotatedKeyResponse, 'output') })
  rotate(
    @CurrentWorkspace() workspaceId: string,
    @ZodBody(rotateKeyBody) body: z.output<typeof rotateKeyBody>,
  ): Promise<z.output<typeof rotatedKeyResponse>> {
    return this.rotateKey.execute({ workspaceId, kind: body.kind });
  }
}
