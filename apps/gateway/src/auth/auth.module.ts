import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccountsDataModule } from '../accounts/accounts-data.module';
import { RateLimitGuard } from '../limits/rate-limit.guard';
import { RateLimitModule } from '../limits/rate-limit.module';
import { SessionGuard } from '../sessions/session.guard';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { AuthGuard } from './auth.guard';
import { RouteTable } from './route-table';

/**
 * Who may call each route, then how often: the global SessionGuard (a dashboard session:
 * its role, its CSRF token), the AuthGuard (keys; both set `request.auth`) and the per-key
 * RateLimitGuard, registered here together so that they run in this order. Also the route
 * table (auth policy and session rule per route).
 */
@Module({
  imports: [DiscoveryModule, WorkspacesModule, AccountsDataModule, RateLimitModule],
  providers: [
    RouteTable,
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [RouteTable],
})
export class AuthModule {}
