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
import { ListAttributesUseCase } from './catalog/list-attributes.usecase';
import { ListEventsUseCase } from './catalog/list-events.usecase';
import type { UsersConfig } from './config';
import { AcceptMessagesUseCase } from './ingestion/accept-messages.usecase';
import { ApplyMessagesUseCase } from './ingestion/apply-messages.usecase';
import { EraseUserUseCase } from './ingestion/erase-user.usecase';
import { InboxApplier } from './ingestion/inbox-applier';
import { IngestionHandler } from './ingestion/ingestion.handler';
import { InteractionsModule } from './interactions/interactions.module';
import { ChangeTagsUseCase } from './profiles/change-tags.usecase';
import { GetUserUseCase } from './profiles/get-user.usecase';
import { ListUsersUseCase } from './profiles/list-users.usecase';
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
