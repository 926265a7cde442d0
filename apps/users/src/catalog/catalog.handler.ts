import { Controller } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { HandleRequest } from '@seg/platform';
import { ListAttributesUseCase } from './usecases/list-attributes/list-attributes.usecase';
import { ListEventsUseCase } from './usecases/list-events/list-events.usecase';

@Controller()
export class CatalogHandler {
  constructor(
    private readonly listAttributes: ListAttributesUseCase,
    private readonly listEvents: ListEventsUseCase,
  ) {}

  @HandleRequest('users.attributes.list')
  attributes(payload: ParsedRequestOf<'users.attributes.list'>) {
    return this.listAttributes.execute(payload);
  }

  @HandleRequest('users.events.list')
  events(payload: ParsedRequestOf<'users.events.list'>) {
    return this.listEvents.execute(payload);
  }
}
