import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { InboxRepository } from '@seg/profile-store';
import { InboxApplier } from '../../inbox-applier';

export type AcceptMessagesCommand = ParsedRequestOf<'users.messages.accept'>;

/**
 * Stores messages in the inbox (durable once this resolves: the gateway answers
 * 202 only then) and appends the new ones to their partitions (the arrival order). A repeated messageId is
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
    // Appended to the users' partitions before the answer: the arrival order is fixed here.
    await this.applier.enqueue(stored);
    if (stored.length < command.messages.length) {
      const fresh = new Set(stored.map((entry) => entry.messageId));
      await this.applier.enqueueStored(
        command.workspaceId,
        command.messages.flatMap((message) =>
          fresh.has(message.messageId) ? [] : [message.messageId],
        ),
      );
    }
    return {
      accepted: command.messages.length,
      duplicates: command.messages.length - stored.length,
    };
  }
}
