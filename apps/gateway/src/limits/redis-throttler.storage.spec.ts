import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { GatewayConfig } from '../config';
import { RedisThrottlerStorage } from './redis-throttler.storage';

// Against the real Redis (REDIS_URL, default 127.0.0.1:6379), keys unique per run.
const config = {
  REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
} as GatewayConfig;

describe('RedisThrottlerStorage', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  let storage: RedisThrottlerStorage;
  const key = `test:ratelimit:${randomBytes(6).toString('hex')}`;

  beforeAll(() => {
    storage = new RedisThrottlerStorage(config);
  });

  afterAll(async () => {
    await storage.onApplicationShutdown();
  });

  it('counts hits in a window and blocks above the limit until the window ends', async () => {
    const first = await waitUntilConnected(() => storage.increment(key, 5_000, 2));
    expect(first).toEqual({
      totalHits: 1,
      timeToExpire: 5,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    expect((await storage.increment(key, 5_000, 2)).isBlocked).toBe(false);
    const third = await storage.increment(key, 5_000, 2);
    expect(third.isBlocked).toBe(true);
    expect(third.totalHits).toBe(3);
    expect(third.timeToBlockExpire).toBeGreaterThanOrEqual(1);
    expect(third.timeToBlockExpire).toBeLessThanOrEqual(5);
  });

  it('lets requests through when Redis cannot be reached', async () => {
    const offline = new RedisThrottlerStorage({
      REDIS_URL: 'redis://127.0.0.1:1',
    } as GatewayConfig);
    try {
      expect(await offline.increment(key, 5_000, 0)).toMatchObject({ isBlocked: false });
    } finally {
      await offline.onApplicationShutdown();
    }
  });
});

/** The storage fails open while connecting; wait for a real count. */
async function waitUntilConnected<T extends { totalHits: number }>(
  probe: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const result = await probe();
    if (result.totalHits > 0 || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
