import { Module } from '@nestjs/common';
import { AUTH_USE_CASES } from '../use-cases';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { AccountsDataModule } from './accounts-data.module';
import { AuthController } from './auth.controller';

/** The /v1/auth routes (sign-up, sign-in, sign-out, me). */
@Module({
  imports: [AccountsDataModule, WorkspacesModule],
  controllers: [AuthController],
  providers: [...AUTH_USE_CASES],
})
export class AccountsModule {}
