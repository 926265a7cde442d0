import { Controller } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { HandleRequest } from '@seg/platform';
import { AcceptMessagesUseCase } from './usecases/accept-messages/accept-messages.usecase';
import { EraseUserUseCase } from './usecases/erase-user/erase-user.usecase';

@Controller()
export class IngestionHandler {
  constructor(
    private readonly acceptMessages: AcceptMessagesUseCase,
    private readonly eraseUser: EraseUserUseCase,
  ) {}

  @HandleRequest('users.messages.accept')
  accept(payload: ParsedRequestOf<'users.messages.accept'>) {
    return this.acceptMessages.execute(payload);
  }

  @HandleRequest('users.user.erase')
  erase(payload: ParsedRequestOf<'users.user.erase'>) {
    return this.eraseUser.execute(payload);
  }
}
