import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { loginBody } from '@seg/http-shapes';
import type { z } from 'zod';
import { LoginThrottle } from '../../../limits/login-throttle';
import { SessionStore } from '../../../sessions/session.store';
import { InviteRedemption } from '../../../team/invite-redemption';
import { AccountRepository } from '../../account.repository';
import { verifyAgainstDummy, verifyPassword } from '../../password';
import { GetMeUseCase } from '../get-me/get-me.usecase';
import type { SignedIn } from '../sign-up/sign-up.usecase';

export type LogInCommand = z.output<typeof loginBody> & {
  /** The client's address, for the per-address limit. */
  address: string;
  /** The sha256 of a session cookie the browser still sends: ended by a new sign-in. */
  previousSessionId?: string;
};

/**
 * Email and password → a new session. Wrong passwords are limited per account and per address
 * (LoginThrottle, 429); an unknown email costs the same scrypt work as a wrong password and
 * gets the same answer. With an invite token, the account also joins its workspace.
 */
@Injectable()
export class LogInUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly throttle: LoginThrottle,
    private readonly invites: InviteRedemption,
    private readonly sessions: SessionStore,
    private readonly getMe: GetMeUseCase,
  ) {}

  async execute(command: LogInCommand): Promise<SignedIn> {
    const attempt = await this.throttle.attempt(command.email, command.address);
    const account = await this.accounts.findByEmail(command.email);
    const valid = account
      ? await verifyPassword(command.password, account.passwordHash)
      : await verifyAgainstDummy(command.password);
    if (!account || !valid) throw new DomainError('UNAUTHENTICATED', 'Wrong email or password');
    await attempt.succeeded();
    if (command.token !== undefined) {
      const invite = await this.invites.find(command.token);
      await this.invites.claim(invite, account.id);
      await this.invites.join(invite, account.id);
    }
    if (command.previousSessionId !== undefined) {
      await this.sessions.delete(command.previousSessionId);
    }
    const { token, session } = await this.sessions.create(account.id);
    return {
      token,
      me: await this.getMe.execute({ accountId: account.id, csrfToken: session.csrfToken }),
    };
  }
}
