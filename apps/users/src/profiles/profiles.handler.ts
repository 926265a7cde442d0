import { Controller } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { HandleRequest } from '@seg/platform';
import { ChangeTagsUseCase } from './usecases/change-tags/change-tags.usecase';
import { GetUserUseCase } from './usecases/get-user/get-user.usecase';
import { ListUserEventsUseCase } from './usecases/list-user-events/list-user-events.usecase';
import { ListUsersUseCase } from './usecases/list-users/list-users.usecase';

@Controller()
export class ProfilesHandler {
  constructor(
    private readonly listUsers: ListUsersUseCase,
    private readonly getUser: GetUserUseCase,
    private readonly changeTags: ChangeTagsUseCase,
    private readonly listUserEvents: ListUserEventsUseCase,
  ) {}

  @HandleRequest('users.user.events')
  events(payload: ParsedRequestOf<'users.user.events'>) {
    return this.listUserEvents.execute(payload);
  }

  @HandleRequest('users.profiles.list')
  list(payload: ParsedRequestOf<'users.profiles.list'>) {
    return this.listUsers.execute(payload);
  }

  @HandleRequest('users.profile.get')
  get(payload: ParsedRequestOf<'users.profile.get'>) {
    return this.getUser.execute(payload);
  }

  @HandleRequest('users.tags.add')
  addTags(payload: ParsedRequestOf<'users.tags.add'>) {
    return this.changeTags.execute({ ...payload, change: 'add' });
  }

  @HandleRequest('users.tags.remove')
  removeTags(payload: ParsedRequestOf<'users.tags.remove'>) {
    return this.changeTags.execute({ ...payload, change: 'remove' });
  }
}
