import { Module } from '@nestjs/common';
import { AccountsDataModule } from '../accounts/accounts-data.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { SampleDataController } from './sample-data.controller';
import { SampleSyncPages } from './sample-sync-pages';
import { LoadSampleDataUseCase } from './usecases/load-sample-data/load-sample-data.usecase';

@Module({
  imports: [AccountsDataModule, WorkspacesModule],
  controllers: [SampleDataController],
  providers: [LoadSampleDataUseCase, SampleSyncPages],
})
export class SampleDataModule {}
