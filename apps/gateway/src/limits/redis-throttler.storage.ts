import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG } from '@seg/platform';
import Redis from 'ioredis';
import type { GatewayConfig } from '../config';

// One round trip: count the hit, start the window on the first, answer hits and ms left.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { hits, ttl }
`;

// Only while the window lives (DECR on a missing key would make a counter without expiry).
const TAKE_BACK = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DECR', KEYS[1]) end
return 0
`;

/**
 * Fixed-window rate-limit counters in Redis, shared by every gateway process.
 * If Redis is unreachable the limit is not enforced (fail open) rather than
 * failing requests; the outage shows on /health.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis;
  private lastWarning = 0;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    this.redis = new Redis(config.REDIS_URL, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
    });
    this.redis.on('error', () => undefined); // reported once per minute below
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
  ): Promise<{
    totalHits: number;
    timeToExpire: number;
    isBlocked: boolean;
    timeToBlockExpire: number;
  }> {
    try {
      const [hits, msLeft] = (await this.redis.eval(INCREMENT, 1, key, String(ttl))) as [
        number,
        number,
      ];
      const secondsLeft = Math.max(1, Math.ceil(msLeft / 1000));
      const isBlocked = hits > limit;
      return {
        totalHits: hits,
        timeToExpire: secondsLeft,
        isBlocked,
        timeToBlockExpire: isBlocked ? secondsLeft : 0,
      };
    } catch (error) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err: error }, 'Rate limiting skipped: Redis unavailable');
      }
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  /**
   * Takes back one hit counted by `increment` (the login limiter counts each attempt, then
   * takes back the ones that succeed). Fails open like `increment`.
   */
  async takeBack(key: string): Promise<void> {
    try {
      await this.redis.eval(TAKE_BACK, 1, key);
    } catch {
      // Not counted back: at worst one attempt too many in this window.
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
