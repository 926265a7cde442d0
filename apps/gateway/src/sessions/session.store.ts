import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import { APP_CONFIG } from '@seg/platform';
import Redis from 'ioredis';
import { hashKey, randomBase62 } from '../auth/api-keys';
import type { GatewayConfig } from '../config';

export interface Session {
  /** sha256 of the cookie's value: the Redis key, so a copy of Redis holds no usable cookie. */
  id: string;
  accountId: string;
  csrfToken: string;
  createdAt: number;
  /** Epoch ms after which the session ends whatever happens. */
  absoluteExpiresAt: number;
}

// One round trip: read the session and push its idle expiry forward, never past the
// absolute one. ARGV: now (ms), idle (ms). Answers the fields, or nothing when gone.
const TOUCH = `
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then return {} end
local absolute = tonumber(redis.call('HGET', KEYS[1], 'absoluteExpiresAt'))
local left = absolute - tonumber(ARGV[1])
if left <= 0 then
  redis.call('DEL', KEYS[1])
  return {}
end
redis.call('PEXPIRE', KEYS[1], math.min(tonumber(ARGV[2]), left))
return fields
`;

/**
 * Dashboard sessions, server-side in Redis (the gateway README says why Redis): a hash per
 * session with idle expiry (`SESSION_IDLE_MS`, pushed forward by every call) and absolute
 * expiry (`SESSION_ABSOLUTE_MS`). Shared by every gateway process; logout deletes it at once.
 * Unlike the rate limits, sessions do not fail open: Redis down → 503.
 */
@Injectable()
export class SessionStore implements OnApplicationShutdown {
  private readonly logger = new Logger(SessionStore.name);
  private readonly redis: Redis;
  private readonly prefix: string;
  /** The clock (tests move it). */
  now: () => number = Date.now;

  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {
    // With the offline queue (unlike the rate limits): a call made while the connection is
    // first made waits for it instead of failing.
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, commandTimeout: 2_000 });
    this.redis.on('error', () => undefined); // each failed command answers 503 below
    this.prefix = `${config.BUS_PREFIX}:session:`;
  }

  /** Starts a session; answers the cookie value (shown only to the browser) and the session. */
  async create(accountId: string): Promise<{ token: string; session: Session }> {
    const token = randomBase62(43); // ≈ 256 bits
    const createdAt = this.now();
    const session: Session = {
      id: hashKey(token),
      accountId,
      csrfToken: randomBase62(32),
      createdAt,
      absoluteExpiresAt: createdAt + this.config.SESSION_ABSOLUTE_MS,
    };
    await this.run(async () => {
      const key = this.prefix + session.id;
      await this.redis
        .multi()
        .hset(key, {
          accountId,
          csrfToken: session.csrfToken,
          createdAt: String(createdAt),
          absoluteExpiresAt: String(session.absoluteExpiresAt),
        })
        .pexpire(key, this.config.SESSION_IDLE_MS)
        .exec();
    });
    return { token, session };
  }

  /** The session a cookie names, its idle expiry pushed forward; null when unknown or expired. */
  async touch(token: string): Promise<Session | null> {
    const id = hashKey(token);
    const fields = await this.run(
      () =>
        this.redis.eval(
          TOUCH,
          1,
          this.prefix + id,
          String(this.now()),
          String(this.config.SESSION_IDLE_MS),
        ) as Promise<string[]>,
    );
    if (fields.length === 0) return null;
    const record = new Map<string, string>();
    for (let i = 0; i + 1 < fields.length; i += 2) record.set(fields[i] ?? '', fields[i + 1] ?? '');
    const accountId = record.get('accountId');
    const csrfToken = record.get('csrfToken');
    if (!accountId || !csrfToken) return null;
    return {
      id,
      accountId,
      csrfToken,
      createdAt: Number(record.get('createdAt')),
      absoluteExpiresAt: Number(record.get('absoluteExpiresAt')),
    };
  }

  async delete(sessionId: string): Promise<void> {
    await this.run(() => this.redis.del(this.prefix + sessionId));
  }

  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      this.logger.error({ err: error }, 'Session store unavailable');
      throw new DomainError('SERVICE_UNAVAILABLE', 'Sessions cannot be checked right now');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
