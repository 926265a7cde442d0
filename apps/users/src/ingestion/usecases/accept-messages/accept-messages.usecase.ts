import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { InboxRepository } from '@seg/profile-store';
import { InboxApplier } from '../../inbox-applier';

export type AcceptMessagesCommand = ParsedRequestOf<'users.messages.accept'>;

/**
 * Stores messages in the inbox (durable once this resolves: the gateway answers
 * 202 only then) and hands the new ones to the applier. A repeated messageId is
 * accepted and counted as a duplicate, never applied twice.
 */
@Injectable()
export class AcceptMessagesUseCase {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly applier: InboxApplier,
  ) {}

  async execute(command: AcceptMessagesCommand): Promise<{ accepted: number; duplicates: number }> {
    const receivedAt = new Date();
    const stored = await this.inbox.accept(
      command.workspaceId,
      command.messages.map((message) => ({
        messageId: message.messageId,
        userId: message.userId,
        type: message.type,
        receivedAt,
        payload: JSON.stringify(
          command.source === 'segment' ? { ...message, source: command.source } : message,
        ),
      })),
    );
    this.applier.enqueue(stored);
    return {
      accepted: command.messages.length,
      duplicates: command.messages.length - stored.length,
    };
  }
}
