import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { GatewayConfig } from '../config';
import { SessionStore } from './session.store';

// Against the real Redis (REDIS_URL, default 127.0.0.1:6379), in a prefix of its own.
const IDLE = 60_000;
const ABSOLUTE = 100_000;
const config = {
  REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  BUS_PREFIX: `test_sessions_${randomBytes(4).toString('hex')}`,
  SESSION_IDLE_MS: IDLE,
  SESSION_ABSOLUTE_MS: ABSOLUTE,
} as GatewayConfig;

describe('SessionStore', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  let store: SessionStore;
  let redis: Redis;
  let now: number;
  const pttl = (id: string) => redis.pttl(`${config.BUS_PREFIX}:session:${id}`);

  beforeAll(() => {
    store = new SessionStore(config);
    redis = new Redis(config.REDIS_URL);
  });

  beforeEach(() => {
    now = 1_000_000;
    store.now = () => now;
  });

  afterAll(async () => {
    const keys = await redis.keys(`${config.BUS_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await store.onApplicationShutdown();
  });

  it('stores a session under the hash of its cookie, with the idle expiry', async () => {
    const { token, session } = await store.create('acc_12345678');
    expect(token).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    expect(session.id).not.toContain(token);
    expect(await redis.exists(`${config.BUS_PREFIX}:session:${token}`)).toBe(0);
    const ttl = await pttl(session.id);
    expect(ttl).toBeGreaterThan(IDLE - 5_000);
    expect(ttl).toBeLessThanOrEqual(IDLE);
    expect(await store.touch(token)).toEqual({
      ...session,
      absoluteExpiresAt: 1_000_000 + ABSOLUTE,
    });
  });

  it('pushes the idle expiry forward on each use, never past the absolute one', async () => {
    const { token, session } = await store.create('acc_12345678');
    await redis.pexpire(`${config.BUS_PREFIX}:session:${session.id}`, 1_000);
    expect(await store.touch(token)).not.toBeNull();
    expect(await pttl(session.id)).toBeGreaterThan(IDLE - 5_000);
    // 90 s later (by the store's clock), 10 s are left before the absolute expiry.
    now += 90_000;
    expect(await store.touch(token)).not.toBeNull();
    const ttl = await pttl(session.id);
    expect(ttl).toBeLessThanOrEqual(10_000);
    expect(ttl).toBeGreaterThan(5_000);
  });

  it('ends a session at its absolute expiry, however recently it was used', async () => {
    const { token, session } = await store.create('acc_12345678');
    now += ABSOLUTE;
    expect(await store.touch(token)).toBeNull();
    expect(await redis.exists(`${config.BUS_PREFIX}:session:${session.id}`)).toBe(0);
  });

  it('forgets a deleted session and unknown cookies', async () => {
    const { token, session } = await store.create('acc_12345678');
    await store.delete(session.id);
    expect(await store.touch(token)).toBeNull();
    expect(await store.touch('x'.repeat(43))).toBeNull();
  });
});
