import type { Type } from '@nestjs/common';
import { ListAttributesUseCase } from './catalog/usecases/list-attributes/list-attributes.usecase';
import { ListEventsUseCase } from './catalog/usecases/list-events/list-events.usecase';
import { RecountCoverageUseCase } from './catalog/usecases/recount-coverage/recount-coverage.usecase';
import { AcceptMessagesUseCase } from './ingestion/usecases/accept-messages/accept-messages.usecase';
import { ApplyMessagesUseCase } from './ingestion/usecases/apply-messages/apply-messages.usecase';
import { EraseUserUseCase } from './ingestion/usecases/erase-user/erase-user.usecase';
import { ChangeTagsUseCase } from './profiles/usecases/change-tags/change-tags.usecase';
import { GetUserUseCase } from './profiles/usecases/get-user/get-user.usecase';
import { ListUserEventsUseCase } from './profiles/usecases/list-user-events/list-user-events.usecase';
import { ListUsersUseCase } from './profiles/usecases/list-users/list-users.usecase';
import { WriteSyncPageUseCase } from './sync/usecases/write-sync-page/write-sync-page.usecase';
import { ApplyInteractionUseCase } from './interactions/usecases/apply-interaction/apply-interaction.usecase';

/** The use cases of the users service's AppModule (ingestion, profiles, catalog). */
export const USE_CASES: Type[] = [
  ListAttributesUseCase,
  ListEventsUseCase,
  RecountCoverageUseCase,
  AcceptMessagesUseCase,
  ApplyMessagesUseCase,
  EraseUserUseCase,
  ChangeTagsUseCase,
  GetUserUseCase,
  ListUserEventsUseCase,
  ListUsersUseCase,
  WriteSyncPageUseCase,
];

/** The use cases of InteractionsModule. */
export const INTERACTION_USE_CASES: Type[] = [ApplyInteractionUseCase];
