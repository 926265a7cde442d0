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

  /**
   * Resolves when one more request to `key` fits the limit. The window is counted a
   * little longer than the vendor's (`windowMarginMs`): the vendor counts arrivals, we
   * count admissions, and a request admitted the moment the one `max` before it left
   * our window arrives inside the vendor's whenever that earlier one took longer to
   * arrive (a busy event loop, the network). Such a 429 costs far more than the margin
   * (HubSpot's rolling window: 10 s; Customer.io: Retry-After 1 s); measured in the
   * sync benchmark: 1 HubSpot and 39 Customer.io 429s per run without it.
   */
  async acquire(key: string, limit: RateLimit): Promise<void> {
    const redisKey = `${this.prefix}:ratelimit:${key}`;
    const windowMs = limit.windowMs + windowMarginMs(limit.windowMs);
    for (;;) {
      const member = `${Date.now()}-${randomBytes(4).toString('hex')}`;
      const waitMs = Number(
        await this.redis.eval(ACQUIRE, 1, redisKey, Date.now(), windowMs, limit.max, member),
      );
      if (waitMs <= 0) return;
      await sleep(waitMs);
    }
  }
}

/** Extra length of our window over the vendor's: 3%, at least 50 ms (1 s → 50 ms, 10 s → 300 ms). */
function windowMarginMs(windowMs: number): number {
  return Math.max(50, Math.round(windowMs * 0.03));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
