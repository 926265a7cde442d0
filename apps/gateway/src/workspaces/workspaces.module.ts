import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CreateWorkspaceUseCase } from './create-workspace/create-workspace.usecase';
import { GetWorkspaceUseCase } from './get-workspace/get-workspace.usecase';
import { KeyResolver } from './key-resolver';
import { RotateKeyUseCase } from './rotate-key/rotate-key.usecase';
import { WORKSPACE_MODEL, WorkspaceSchema } from './workspace.schema';
import { WorkspaceRepository } from './workspace.repository';
import { WorkspacesController } from './workspaces.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: WORKSPACE_MODEL, schema: WorkspaceSchema }])],
  controllers: [WorkspacesController],
  providers: [
    WorkspaceRepository,
    KeyResolver,
    CreateWorkspaceUseCase,
    GetWorkspaceUseCase,
    RotateKeyUseCase,
  ],
  exports: [KeyResolver],
})
export class WorkspacesModule {}
