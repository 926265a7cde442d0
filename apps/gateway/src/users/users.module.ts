import { Module } from '@nestjs/common';
import { TargetingAnswersModule } from '../experiences/targeting-answers.module';
import { CatalogController } from './catalog.controller';
import { IngestionController } from './ingestion.controller';
import { IngestMessagesUseCase } from './usecases/ingest-messages/ingest-messages.usecase';
import { ListAttributesUseCase } from './usecases/list-attributes/list-attributes.usecase';
import { UsersController } from './users.controller';

/** Ingestion, profiles, tags and catalogs: validated here, served by the users service. */
@Module({
  imports: [TargetingAnswersModule],
  controllers: [IngestionController, UsersController, CatalogController],
  providers: [IngestMessagesUseCase, ListAttributesUseCase],
})
export class UsersModule {}
