import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG } from '@seg/platform';
import type { GatewayConfig } from '../config';
import { rateLimitOptions } from './rate-limit-options';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** The Redis counters, shared by the per-key limits and the login limiter (one connection). */
@Module({
  providers: [RedisThrottlerStorage],
  exports: [RedisThrottlerStorage],
})
export class RateLimitStorageModule {}

/** Throttler options and the Redis storage; the guard itself is registered by AuthModule. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [APP_CONFIG, RedisThrottlerStorage],
      useFactory: (config: GatewayConfig, storage: RedisThrottlerStorage) =>
        rateLimitOptions(config, storage),
    }),
  ],
})
export class RateLimitModule {}
