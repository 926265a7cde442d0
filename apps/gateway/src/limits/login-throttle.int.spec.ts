import { Logger } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import { waitFor } from '@seg/testing';
import { randomBytes } from 'node:crypto';
import type { GatewayConfig } from '../config';
import { LoginThrottle } from './login-throttle';
import { RedisThrottlerStorage } from './redis-throttler.storage';

// Against the real Redis, in a prefix of its own per run.
const config = {
  REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  BUS_PREFIX: `test_login_${randomBytes(4).toString('hex')}`,
  LOGIN_RATE_LIMIT_ACCOUNT: 3,
  LOGIN_RATE_LIMIT_ADDRESS: 5,
  LOGIN_RATE_LIMIT_WINDOW_MS: 60_000,
} as GatewayConfig;

describe('LoginThrottle', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  let storage: RedisThrottlerStorage;
  let throttle: LoginThrottle;

  beforeAll(async () => {
    storage = new RedisThrottlerStorage(config);
    throttle = new LoginThrottle(storage, config);
    // The storage fails open while it connects: wait until it counts.
    await waitFor(() => storage.increment(`${config.BUS_PREFIX}:warm-up`, 1_000, 10), {
      until: (result) => result.totalHits > 0,
      what: 'a counted hit',
    });
  });

  afterAll(async () => {
    await storage.onApplicationShutdown();
  });

  /** 'ok' or the 429's retryAfter, for one wrong (or, with `right`, right) password. */
  async function login(email: string, address: string, right = false): Promise<string> {
    try {
      const attempt = await throttle.attempt(email, address);
      if (right) await attempt.succeeded();
      return 'ok';
    } catch (error) {
      if (error instanceof DomainError && error.code === 'RATE_LIMITED') {
        const retryAfter = Number(error.meta?.['retryAfter']);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        return '429';
      }
      throw error;
    }
  }

  it('limits wrong passwords per account, whatever the address', async () => {
    const outcomes = [];
    for (let i = 0; i < 4; i += 1) outcomes.push(await login('a@example.com', `10.0.0.${i}`));
    expect(outcomes).toEqual(['ok', 'ok', 'ok', '429']);
    // Even the right password is refused once the account is limited.
    expect(await login('a@example.com', '10.0.1.1', true)).toBe('429');
    expect(await login('b@example.com', '10.0.1.1')).toBe('ok');
  });

  it('limits wrong passwords per address, whatever the account', async () => {
    const outcomes = [];
    for (let i = 0; i < 6; i += 1) outcomes.push(await login(`user${i}@example.com`, '10.9.9.9'));
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', '429']);
    expect(await login('user0@example.com', '10.9.9.10')).toBe('ok');
  });

  it('counts only wrong passwords: right ones are taken back', async () => {
    const outcomes = [];
    for (let i = 0; i < 6; i += 1) outcomes.push(await login('c@example.com', '10.7.7.7', true));
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
  });
});
