import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';

// Sliding window log: admits a request when fewer than `max` were admitted in the
// last `window` ms; otherwise answers how long until the oldest one leaves it.
const ACQUIRE = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local max = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < max then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, window)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export interface RateLimit {
  max: number;
  windowMs: number;
}

/**
 * The vendor's request rate, shared by every worker process through Redis (a
 * BullMQ limiter counts jobs, and one sync job makes hundreds of requests).
 */
export class RequestLimiter {
  /** Closes the Redis connection (at shutdown). */
  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Resolves when one more request to `key` fits the limit. */
  async acquire(key: string, limit: RateLimit): Promise<void> {
    const redisKey = `${this.prefix}:ratelimit:${key}`;
    for (;;) {
      const member = `${Date.now()}-${randomBytes(4).toString('hex')}`;
      const waitMs = Number(
        await this.redis.eval(ACQUIRE, 1, redisKey, Date.now(), limit.windowMs, limit.max, member),
      );
      if (waitMs <= 0) return;
      await sleep(waitMs);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
