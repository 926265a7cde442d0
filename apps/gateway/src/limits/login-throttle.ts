import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import { APP_CONFIG } from '@seg/platform';
import { hashKey } from '../auth/api-keys';
import type { GatewayConfig } from '../config';
import { RedisThrottlerStorage } from './redis-throttler.storage';

export interface LoginAttempt {
  /** Takes the attempt back (the password was right): only wrong passwords count. */
  succeeded(): Promise<void>;
}

/**
 * Wrong passwords per account (`LOGIN_RATE_LIMIT_ACCOUNT`) and per client address
 * (`LOGIN_RATE_LIMIT_ADDRESS`) per `LOGIN_RATE_LIMIT_WINDOW_MS`, counted in Redis with the
 * per-key limits' storage. Every attempt is counted before the password is checked (so
 * concurrent guesses cannot slip past the limit) and a right one is taken back. Above
 * either limit: 429 with `retryAfter` seconds, whether the password is right or not.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly storage: RedisThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async attempt(email: string, address: string): Promise<LoginAttempt> {
    const prefix = `${this.config.BUS_PREFIX}:login`;
    // Hashed: the counters' names carry no email address.
    const accountKey = `${prefix}:account:${hashKey(email)}`;
    const addressKey = `${prefix}:address:${address}`;
    const window = this.config.LOGIN_RATE_LIMIT_WINDOW_MS;
    const [byAccount, byAddress] = await Promise.all([
      this.storage.increment(accountKey, window, this.config.LOGIN_RATE_LIMIT_ACCOUNT),
      this.storage.increment(addressKey, window, this.config.LOGIN_RATE_LIMIT_ADDRESS),
    ]);
    const blocked = [byAccount, byAddress].filter((result) => result.isBlocked);
    if (blocked.length > 0) {
      const retryAfter = Math.max(...blocked.map((result) => result.timeToBlockExpire));
      throw new DomainError(
        'RATE_LIMITED',
        `Too many wrong passwords ${byAccount.isBlocked ? 'for this account' : 'from this address'}; retry after ${retryAfter} s`,
        undefined,
        { retryAfter },
      );
    }
    return {
      succeeded: async () => {
        await Promise.all([this.storage.takeBack(accountKey), this.storage.takeBack(addressKey)]);
      },
    };
  }
}
