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
import {
  connectionInputByProvider,
  integrationProviderSchema,
  IntegrationProvider,
  RequestPattern,
  requestContracts,
  runViewSchema,
  syncProviderSchema,
  SyncProvider,
} from '@seg/contracts';
import { BusClient } from '@seg/platform';
import type { Request } from 'express';
import { z } from 'zod';
import { NoAuth, SecretAuth } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ApiErrorResponses } from '../docs/error-responses';
import { openApiSchema } from '../validation/zod-openapi';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { RawBodyRequest, SEGMENT_WEBHOOK_PREFIX } from './segment-raw-body';

const providerParam = new ZodValidationPipe(integrationProviderSchema, 'params');
const syncProviderParam = new ZodValidationPipe(syncProviderSchema, 'params');
const workspaceParam = new ZodValidationPipe(z.string().regex(/^ws_[A-Za-z0-9]{8,40}$/), 'params');
const limitQuery = new ZodValidationPipe(
  z.coerce.number().int().min(1).max(100).default(20),
  'query',
);

/** OpenAPI schema of what a bus pattern answers: documented from the contract itself. */
const responseOf = (pattern: RequestPattern) =>
  openApiSchema(requestContracts[pattern].response, 'output');

/** The PUT body is one of the providers' connection inputs (validated by the service). */
const connectionInputSchema = {
  oneOf: Object.values(connectionInputByProvider).map((schema) => openApiSchema(schema)),
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
  @ApiOperation({ summary: 'Every connection: settings (secrets masked), status, last run' })
  @ApiOkResponse({ schema: responseOf('integrations.connection.list') })
  list(@CurrentWorkspace() workspaceId: string) {
    return this.bus.request('integrations.connection.list', { workspaceId });
  }

  @Get(':provider')
  @SecretAuth()
  @ApiOperation({ summary: 'One connection (secrets masked)' })
  @ApiOkResponse({ schema: responseOf('integrations.connection.get') })
  get(
    @CurrentWorkspace() workspaceId: string,
    @Param('provider', providerParam) provider: IntegrationProvider,
  ) {
    return this.bus.request('integrations.connection.get', { workspaceId, provider });
  }

  @Put(':provider')
  @SecretAuth()
  @ApiErrorResponses(400)
  @ApiOperation({
    summary:
      'Connect: segment { sharedSecret } | hubspot { accessToken, properties?, intervalMinutes? } | customerio { appApiKey, region, intervalMinutes? }',
  })
  @ApiBody({ schema: connectionInputSchema })
  @ApiOkResponse({ schema: responseOf('integrations.connection.put') })
  async put(
    @CurrentWorkspace() workspaceId: string,
    @Param('provider', providerParam) provider: IntegrationProvider,
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
  @ApiOperation({ summary: 'Disconnect; synced attributes stay' })
  @ApiOkResponse({ schema: responseOf('integrations.connection.delete') })
  remove(
    @CurrentWorkspace() workspaceId: string,
    @Param('provider', providerParam) provider: IntegrationProvider,
  ) {
    return this.bus.request('integrations.connection.delete', { workspaceId, provider });
  }

  @Post(':provider/sync')
  @SecretAuth()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Queue a sync now; one already queued or running is returned instead' })
  @ApiResponse({ status: HttpStatus.ACCEPTED, schema: responseOf('integrations.sync.request') })
  sync(
    @CurrentWorkspace() workspaceId: string,
    @Param('provider', syncProviderParam) provider: SyncProvider,
  ) {
    return this.bus.request('integrations.sync.request', { workspaceId, provider });
  }

  @Get(':provider/runs')
  @SecretAuth()
  @ApiOperation({ summary: 'Latest runs: status, progress while running, stats, error' })
  @ApiOkResponse({ schema: { type: 'array', items: openApiSchema(runViewSchema, 'output') } })
  async runs(
    @CurrentWorkspace() workspaceId: string,
    @Param('provider', providerParam) provider: IntegrationProvider,
    @Query('limit', limitQuery) limit: number,
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
  @ApiOkResponse({ schema: responseOf('integrations.segment.deliver') })
  deliver(
    @Param('workspaceId', workspaceParam) workspaceId: string,
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
