import { Logger } from '@nestjs/common';
import { waitFor } from '@seg/testing';
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
    // The storage fails open (no count) while it connects: wait for a real count.
    const first = await waitFor(() => storage.increment(key, 5_000, 2), {
      until: (result) => result.totalHits > 0,
      what: 'a counted hit',
    });
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
