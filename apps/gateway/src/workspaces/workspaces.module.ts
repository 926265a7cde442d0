import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AccountsDataModule } from '../accounts/accounts-data.module';
import { WORKSPACE_USE_CASES } from '../use-cases';
import { KeyResolver } from './key-resolver';
import { WORKSPACE_MODEL, WorkspaceSchema } from './workspace.schema';
import { WorkspaceRepository } from './workspace.repository';
import { WorkspacesController } from './workspaces.controller';

@Module({
  imports: [
    AccountsDataModule,
    MongooseModule.forFeature([{ name: WORKSPACE_MODEL, schema: WorkspaceSchema }]),
  ],
  controllers: [WorkspacesController],
  providers: [WorkspaceRepository, KeyResolver, ...WORKSPACE_USE_CASES],
  exports: [KeyResolver, WorkspaceRepository, ...WORKSPACE_USE_CASES],
})
export class WorkspacesModule {}
