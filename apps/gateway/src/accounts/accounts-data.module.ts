import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LoginThrottle } from '../limits/login-throttle';
import { RateLimitStorageModule } from '../limits/rate-limit.module';
import { SessionStore } from '../sessions/session.store';
import { InviteRedemption } from '../team/invite-redemption';
import { InviteRepository } from '../team/invite.repository';
import { INVITE_MODEL, InviteSchema } from '../team/invite.schema';
import {
  ACCOUNT_MODEL,
  AccountSchema,
  CLAIM_MODEL,
  ClaimSchema,
  MEMBERSHIP_MODEL,
  MembershipSchema,
} from './account.schema';
import { AccountRepository } from './account.repository';

/**
 * Accounts, memberships, invites, claims (MongoDB), sessions (Redis) and the login limiter:
 * the data the auth guards, the auth routes, the team and the workspaces share. No routes.
 */
@Module({
  imports: [
    RateLimitStorageModule,
    MongooseModule.forFeature([
      { name: ACCOUNT_MODEL, schema: AccountSchema },
      { name: MEMBERSHIP_MODEL, schema: MembershipSchema },
      { name: CLAIM_MODEL, schema: ClaimSchema },
      { name: INVITE_MODEL, schema: InviteSchema },
    ]),
  ],
  providers: [AccountRepository, InviteRepository, InviteRedemption, SessionStore, LoginThrottle],
  exports: [AccountRepository, InviteRepository, InviteRedemption, SessionStore, LoginThrottle],
})
export class AccountsDataModule {}
