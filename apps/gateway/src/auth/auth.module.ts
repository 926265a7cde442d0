import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { RateLimitGuard } from '../limits/rate-limit.guard';
import { RateLimitModule } from '../limits/rate-limit.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { AuthGuard } from './auth.guard';
import { RouteTable } from './route-table';

/**
 * Who may call each route, then how often: the global AuthGuard (sets
 * `request.auth`) and the per-key RateLimitGuard, registered here together so
 * that they run in this order. Also the route table (auth policy per route).
 */
@Module({
  imports: [DiscoveryModule, WorkspacesModule, RateLimitModule],
  providers: [
    RouteTable,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [RouteTable],
})
export class AuthModule {}
