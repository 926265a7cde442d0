import { Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createdWorkspaceResponse,
  createWorkspaceBody,
  rotatedKeyResponse,
  rotateKeyBody,
  sdkLimitsBody,
  sdkLimitsResponse,
  webhookWorkspaceParam,
  updateWorkspaceBody,
  workspaceKeysResponse,
  workspaceResponse,
} from '@seg/http-shapes';
import type { z } from 'zod';
import type { AuthContext } from '../auth/auth-context';
import { AdminAuth, SecretAuth, SessionRole } from '../auth/auth.decorators';
import { Caller, CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ZodBody } from '../validation/zod-body.decorator';
import { openApiSchema } from '../validation/zod-openapi';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { CreateWorkspaceUseCase } from './usecases/create-workspace/create-workspace.usecase';
import { GetWorkspaceUseCase } from './usecases/get-workspace/get-workspace.usecase';
import { RenameWorkspaceUseCase } from './usecases/rename-workspace/rename-workspace.usecase';
import { ListKeysUseCase } from './usecases/list-keys/list-keys.usecase';
import { RotateKeyUseCase } from './usecases/rotate-key/rotate-key.usecase';
import { SetSdkLimitsUseCase } from './usecases/set-sdk-limits/set-sdk-limits.usecase';
import type { Workspace } from './workspace.repository';

const workspaceIdPipe = new ZodValidationPipe(webhookWorkspaceParam, 'params');

@ApiTags('workspaces')
@Controller('v1/workspaces')
export class WorkspacesController {
  constructor(
    private readonly createWorkspace: CreateWorkspaceUseCase,
    private readonly getWorkspace: GetWorkspaceUseCase,
    private readonly renameWorkspace: RenameWorkspaceUseCase,
    private readonly listKeys: ListKeysUseCase,
    private readonly rotateKey: RotateKeyUseCase,
    private readonly setSdkLimits: SetSdkLimitsUseCase,
  ) {}

  @Put(':workspaceId/sdk-limits')
  @AdminAuth()
  @ApiOperation({
    summary:
      "The operator sets a workspace's own SDK rate limits (all end users of its public key, and each one); null restores the default",
  })
  @ApiOkResponse({ schema: openApiSchema(sdkLimitsResponse, 'output') })
  sdkLimits(
    @Param('workspaceId', workspaceIdPipe) workspaceId: string,
    @ZodBody(sdkLimitsBody) body: z.output<typeof sdkLimitsBody>,
  ): Promise<z.output<typeof sdkLimitsResponse>> {
    return this.setSdkLimits.execute({ ...body, workspaceId });
  }

  @Post()
  @AdminAuth()
  @SessionRole('signed-in')
  @ApiOperation({
    summary:
      'Create a workspace and its keys (shown only in this answer); with a session, the account becomes its admin',
  })
  @ApiCreatedResponse({ schema: openApiSchema(createdWorkspaceResponse, 'output') })
  create(
    @Caller() caller: AuthContext,
    @ZodBody(createWorkspaceBody) body: z.output<typeof createWorkspaceBody>,
  ): Promise<z.output<typeof createdWorkspaceResponse>> {
    return this.createWorkspace.execute({
      ...body,
      ...(caller.kind === 'session' ? { adminAccountId: caller.accountId } : {}),
    });
  }

  @Get('current')
  @SecretAuth()
  @SessionRole('viewer')
  @ApiOperation({ summary: "The secret key's workspace (or the session's X-Workspace-Id)" })
  @ApiOkResponse({ schema: openApiSchema(workspaceResponse, 'output') })
  async current(
    @CurrentWorkspace() workspaceId: string,
  ): Promise<z.output<typeof workspaceResponse>> {
    const workspace = await this.getWorkspace.execute({ workspaceId });
    return workspaceView(workspace);
  }

  @Put('current')
  @SecretAuth()
  @SessionRole('admin')
  @ApiOperation({ summary: 'Rename the workspace (Settings → Workspace)' })
  @ApiOkResponse({ schema: openApiSchema(workspaceResponse, 'output') })
  async rename(
    @CurrentWorkspace() workspaceId: string,
    @ZodBody(updateWorkspaceBody) body: z.output<typeof updateWorkspaceBody>,
  ): Promise<z.output<typeof workspaceResponse>> {
    const workspace = await this.renameWorkspace.execute({ ...body, workspaceId });
    return workspaceView(workspace);
  }

  @Get('current/keys')
  @SecretAuth()
  @SessionRole('admin')
  @ApiOperation({ summary: 'The public key and the secret key masked (Settings → API keys)' })
  @ApiOkResponse({ schema: openApiSchema(workspaceKeysResponse, 'output') })
  keys(@CurrentWorkspace() workspaceId: string): Promise<z.output<typeof workspaceKeysResponse>> {
    return this.listKeys.execute({ workspaceId });
  }

  @Post('current/keys/rotate')
  @SecretAuth()
  @SessionRole('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Replace the public or the secret key; the old one stops working, no data is lost',
  })
  @ApiOkResponse({ schema: openApiSchema(rotatedKeyResponse, 'output') })
  rotate(
    @CurrentWorkspace() workspaceId: string,
    @ZodBody(rotateKeyBody) body: z.output<typeof rotateKeyBody>,
  ): Promise<z.output<typeof rotatedKeyResponse>> {
    return this.rotateKey.execute({ ...body, workspaceId });
  }
}

/** What a workspace's own callers see of it (its SDK limits are the operator's business). */
function workspaceView(workspace: Workspace): z.output<typeof workspaceResponse> {
  return { id: workspace.id, name: workspace.name, createdAt: workspace.createdAt.toISOString() };
}
