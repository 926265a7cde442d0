import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { attributeCatalogResponse, eventCatalogResponse } from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import { SecretAuth, SessionRole } from '../auth/auth.decorators';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { openApiSchema } from '../validation/zod-openapi';
import { ListAttributesUseCase } from './usecases/list-attributes/list-attributes.usecase';

/** The catalogs the dashboard builds filters from (secret key). */
@ApiTags('users')
@Controller('v1')
@SecretAuth()
@SessionRole('viewer')
export class CatalogController {
  constructor(
    private readonly bus: BusClient,
    private readonly listAttributes: ListAttributesUseCase,
  ) {}

  @Get('attributes')
  @ApiOperation({
    summary:
      'Native and custom attributes: type, a few sample values, coverage, last write, and the sync state of their source',
  })
  @ApiOkResponse({ schema: openApiSchema(attributeCatalogResponse, 'output') })
  attributes(@CurrentWorkspace() workspaceId: string) {
    return this.listAttributes.execute(workspaceId);
  }

  @Get('events')
  @ApiOperation({ summary: 'Event names per source with counts and last seen' })
  @ApiOkResponse({ schema: openApiSchema(eventCatalogResponse, 'output') })
  async events(@CurrentWorkspace() workspaceId: string) {
    return (await this.bus.request('users.events.list', { workspaceId })).items;
  }
}
