import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { meResponse, signupBody } from '@seg/http-shapes';
import type { z } from 'zod';
import { randomBase62 } from '../../../auth/api-keys';
import { SessionStore } from '../../../sessions/session.store';
import { InviteRedemption } from '../../../team/invite-redemption';
import { CreateWorkspaceUseCase } from '../../../workspaces/usecases/create-workspace/create-workspace.usecase';
import { AccountRepository } from '../../account.repository';
import { hashPassword } from '../../password';
import { GetMeUseCase } from '../get-me/get-me.usecase';

export type SignUpCommand = z.output<typeof signupBody>;

export interface SignedIn {
  /** The session cookie's value. */
  token: string;
  me: z.output<typeof meResponse>;
}

/** The claim that only the first account of an installation wins. */
const SETUP_CLAIM = 'setup';

/**
 * Creates an account and signs it in. Without a token only the first account of the
 * installation (it becomes the admin of a new workspace); with an invite token, the account
 * joins the invite's workspace with its role, and the token is spent.
 */
@Injectable()
export class SignUpUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly invites: InviteRedemption,
    private readonly createWorkspace: CreateWorkspaceUseCase,
    private readonly sessions: SessionStore,
    private readonly getMe: GetMeUseCase,
  ) {}

  async execute(command: SignUpCommand): Promise<SignedIn> {
    const accountId = `acc_${randomBase62(20)}`;
    if (command.token !== undefined) {
      const invite = await this.invites.find(command.token);
      await this.refuseTakenEmail(command.email);
      const passwordHash = await hashPassword(command.password);
      await this.invites.claim(invite, accountId);
      try {
        await this.insert(accountId, command, passwordHash);
      } catch (error) {
        // The email was taken meanwhile: the invite is still the invitee's to use.
        await this.invites.release(invite);
        throw error;
      }
      await this.invites.join(invite, accountId);
    } else {
      if (await this.accounts.anyAccount()) throw this.inviteNeeded();
      const passwordHash = await hashPassword(command.password);
      if (!(await this.accounts.claim(SETUP_CLAIM, accountId))) throw this.inviteNeeded();
      await this.insert(accountId, command, passwordHash);
      await this.createWorkspace.execute({
        name: command.workspaceName ?? 'My workspace',
        adminAccountId: accountId,
      });
    }
    const { token, session } = await this.sessions.create(accountId);
    return { token, me: await this.getMe.execute({ accountId, csrfToken: session.csrfToken }) };
  }

  private async insert(id: string, command: SignUpCommand, passwordHash: string): Promise<void> {
    const inserted = await this.accounts.insert({
      id,
      email: command.email,
      name: command.name,
      passwordHash,
      createdAt: new Date(),
    });
    if (!inserted) throw this.emailTaken();
  }

  private async refuseTakenEmail(email: string): Promise<void> {
    if (await this.accounts.findByEmail(email)) throw this.emailTaken();
  }

  private emailTaken(): DomainError {
    return new DomainError(
      'CONFLICT',
      'An account with this email exists: sign in instead (with the invite token to join)',
    );
  }

  private inviteNeeded(): DomainError {
    return new DomainError(
      'FORBIDDEN',
      'This installation has its first account: signing up needs an invite token from an admin',
    );
  }
}
