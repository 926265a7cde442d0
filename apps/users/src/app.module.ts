import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfigModule,
  BusModule,
  HealthModule,
  LoggingModule,
  MongoModule,
} from '@seg/platform';
import { ProfileStoreModule } from '@seg/profile-store';
import { AttributeTypes } from './catalog/attribute-types';
import { CatalogHandler } from './catalog/catalog.handler';
import { ListAttributesUseCase } from './catalog/usecases/list-attributes/list-attributes.usecase';
import { ListEventsUseCase } from './catalog/usecases/list-events/list-events.usecase';
import type { UsersConfig } from './config';
import { AcceptMessagesUseCase } from './ingestion/usecases/accept-messages/accept-messages.usecase';
import { ApplyMessagesUseCase } from './ingestion/usecases/apply-messages/apply-messages.usecase';
import { EraseUserUseCase } from './ingestion/usecases/erase-user/erase-user.usecase';
import { InboxApplier } from './ingestion/inbox-applier';
import { IngestionHandler } from './ingestion/ingestion.handler';
import { InteractionsModule } from './interactions/interactions.module';
import { ChangeTagsUseCase } from './profiles/usecases/change-tags/change-tags.usecase';
import { GetUserUseCase } from './profiles/usecases/get-user/get-user.usecase';
import { ListUsersUseCase } from './profiles/usecases/list-users/list-users.usecase';
import { ProfilesHandler } from './profiles/profiles.handler';
import { PingHandler } from './system/ping.handler';

@Module({})
export class AppModule {
  static register(config: UsersConfig): DynamicModule {
    const health = HealthModule.forRoot({ mongo: true });
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'users'),
        MongoModule.forRoot(config),
        BusModule.forRoot(),
        health,
        ProfileStoreModule,
        InteractionsModule,
      ],
      controllers: [PingHandler, IngestionHandler, ProfilesHandler, CatalogHandler],
      providers: [
        AttributeTypes,
        AcceptMessagesUseCase,
        ApplyMessagesUseCase,
        InboxApplier,
        EraseUserUseCase,
        ListUsersUseCase,
        GetUserUseCase,
        ChangeTagsUseCase,
        ListAttributesUseCase,
        ListEventsUseCase,
      ],
    };
  }
}
