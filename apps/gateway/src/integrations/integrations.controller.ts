import {
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { IntegrationProvider, SyncProvider } from '@seg/contracts';
import {
  connectionBodyByProvider,
  connectionDeletedResponse,
  connectionListResponse,
  connectionResponse,
  providerParam,
  runListResponse,
  runsLimitQuery,
  syncProviderParam,
  syncRequestedResponse,
  webhookDeliveryResponse,
  webhookWorkspaceParam,
} from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import type { Request } from 'express';
import { NoAuth, SecretAuth, SessionRole } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ApiErrorResponses } from '../docs/error-responses';
import { openApiSchema } from '../validation/zod-openapi';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { RawBodyRequest, SEGMENT_WEBHOOK_PREFIX } from './segment-raw-body';

const providerPipe = new ZodValidationPipe(providerParam, 'params');
const syncProviderPipe = new ZodValidationPipe(syncProviderParam, 'params');
const workspacePipe = new ZodValidationPipe(webhookWorkspaceParam, 'params');
const limitPipe = new ZodValidationPipe(runsLimitQuery, 'query');

/** The PUT body is one of the providers' connection inputs (validated by the service). */
const connectionInputSchema = {
  oneOf: Object.values(connectionBodyByProvider).map((schema) => openApiSchema(schema)),
};

/**
 * Connections to Segment.io, HubSpot and Customer.io. The integrations service
 * owns them; each route is one bus request to its use case.
 */
@ApiTags('integrations')
@Controller('v1/integrations')
export class IntegrationsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @SecretAuth()
  @SessionRole('viewer')
  @ApiOperation({ summary: 'Every connection: settings (secrets masked), status, last run' })
  @ApiOkResponse({ schema: openApiSchema(connectionListResponse, 'output') })
  list(@CurrentWorkspace() workspaceId: string) {
    return this.bus.request('integrations.connection.list', { workspaceId });
  }

  @Get(':provider')
  @SecretAuth()
  @SessionRole('viewer')
  @ApiOperation({ summary: 'One connection (secrets masked)' })
  @ApiOkResponse({ schema: openApiSchema(connectionResponse, 'output') })
  get(
    @CurrentWorkspace() workspaceId: string,
    @Param('provider', providerPipe) provider: IntegrationProvider,
  ) {
    return this.bus.request('integrations.connection.get', { workspaceId, provider });
  }

  @Put(':provider')
  @SecretAuth()
  @SessionRole('admin')
  @ApiErrorResponses(400)
  @ApiOperation({
    summary:
      'Connect: segment { sharedSecret } | hubspot { accessToken, properties?, intervalMinutes? } | customerio { appApiKey, region, intervalMinutes? }',
  })
  @ApiBody({ schema: connectionInputSchema })
  @ApiOkResponse({ schema: openApiSchema(connectionResponse, 'output') })
  async put(
    @CurrentWorkspace() workspaceId: string,
    @Param('provider', providerPipe) provider: IntegrationProvider,
    @Req() request: Request,
  ) {
    const view = await this.bus.request('integrations.connection.put', {
      workspaceId,
      provider,
      input: request.body as unknown,
    });
    return view.webhookPath
      ? { ...view, webhookUrl: `${request.protocol}://${request.get('host')}${view.webhookPath}` }
      : view;
  }

  @Delete(':provider')
  @SecretAuth()
  @SessionRole('admin')
  @ApiOperation({ summary: 'Disconnect; synced attributes stay' })
  @ApiOkResponse({ schema: openApiSchema(connectionDeletedResponse, 'output') })
  remove(
    @CurrentWorkspace() workspaceId: string,
    @Param('provider', providerPipe) provider: IntegrationProvider,
  ) {
    return this.bus.request('integrations.connection.delete', { workspaceId, provider });
  }

  @Post(':provider/sync')
  @SecretAuth()
  @SessionRole('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Queue a sync now; one already queued or running is returned instead' })
  @ApiResponse({
    status: HttpStatus.ACCEPTED,
    schema: openApiSchema(syncRequestedResponse, 'output'),
  })
  sync(
    @CurrentWorkspace() workspaceId: string,
    @Param('provider', syncProviderPipe) provider: SyncProvider,
  ) {
    return this.bus.request('integrations.sync.request', { workspaceId, provider });
  }

  @Get(':provider/runs')
  @SecretAuth()
  @SessionRole('viewer')
  @ApiOperation({ summary: 'Latest runs: status, progress while running, stats, error' })
  @ApiOkResponse({ schema: openApiSchema(runListResponse, 'output') })
  async runs(
    @CurrentWorkspace() workspaceId: string,
    @Param('provider', providerPipe) provider: IntegrationProvider,
    @Query('limit', limitPipe) limit: number,
  ) {
    return (await this.bus.request('integrations.run.list', { workspaceId, provider, limit })).runs;
  }
}

/** Segment.io delivers here, signed with the shared secret (X-Signature), no key. */
@ApiTags('integrations')
@Controller(SEGMENT_WEBHOOK_PREFIX)
export class SegmentWebhookController {
  constructor(private readonly bus: BusClient) {}

  @Post(':workspaceId')
  @NoAuth()
  @HttpCode(HttpStatus.OK)
  @ApiErrorResponses(400, 401, 413)
  @ApiOperation({
    summary: 'Segment.io webhook: one message or an array; X-Signature = hex HMAC-SHA1 of the body',
  })
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'object', description: 'One Segment Spec message' },
        { type: 'array', items: { type: 'object' }, description: 'A batch of messages' },
      ],
    },
  })
  @ApiOkResponse({ schema: openApiSchema(webhookDeliveryResponse, 'output') })
  deliver(
    @Param('workspaceId', workspacePipe) workspaceId: string,
    @Headers('x-signature') signature: string | undefined,
    @Req() request: RawBodyRequest,
  ) {
    const body = request.body;
    const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body ?? null));
    return this.bus.request('integrations.segment.deliver', {
      workspaceId,
      rawBodyBase64: rawBody.toString('base64'),
      ...(signature ? { signature } : {}),
    });
  }
}
