import { Module } from '@nestjs/common';
import { AccountsDataModule } from '../accounts/accounts-data.module';
import { TEAM_USE_CASES } from '../use-cases';
import { TeamController } from './team.controller';

/** The /v1/team routes (members, roles, invites), for sessions only. */
@Module({
  imports: [AccountsDataModule],
  controllers: [TeamController],
  providers: [...TEAM_USE_CASES],
})
export class TeamModule {}
