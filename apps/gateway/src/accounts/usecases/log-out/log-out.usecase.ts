import { Injectable } from '@nestjs/common';
import { SessionStore } from '../../../sessions/session.store';

export interface LogOutCommand {
  sessionId: string;
}

/** Ends the session server-side: its cookie, replayed, answers 401 from now on. */
@Injectable()
export class LogOutUseCase {
  constructor(private readonly sessions: SessionStore) {}

  async execute(command: LogOutCommand): Promise<{ signedOut: true }> {
    await this.sessions.delete(command.sessionId);
    return { signedOut: true };
  }
}
