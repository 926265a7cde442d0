import { Controller } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { HandleRequest } from '@seg/platform';
import { AcceptMessagesUseCase } from './accept-messages.usecase';

@Controller()
export class IngestionHandler {
  constructor(private readonly acceptMessages: AcceptMessagesUseCase) {}

  @HandleRequest('users.messages.accept')
  accept(payload: ParsedRequestOf<'users.messages.accept'>) {
    return this.acceptMessages.execute(payload);
  }
}
