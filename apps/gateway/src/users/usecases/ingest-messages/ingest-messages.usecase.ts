import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorDetail,
  INGEST_LIMITS,
  IngestMessage,
  zodIssuesToDetails,
} from '@seg/contracts';
import { AcceptedResponse, MESSAGE_BODIES, MessageType } from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import { randomUUID } from 'node:crypto';

export interface IngestCommand {
  workspaceId: string;
  /** Each message with its type and the path prefix naming it in errors. */
  messages: Array<{ type: unknown; body: unknown; path: string }>;
  /** A single call (identify/track/page): any error is a 400 for the whole request. */
  single: boolean;
}

/**
 * Validates messages one by one, fills the defaults (messageId, timestamp = now)
 * and sends the good ones to the users service, which answers once they are stored
 * durably. Bad messages of a batch are reported per index; if none is good: 400.
 */
@Injectable()
export class IngestMessagesUseCase {
  constructor(private readonly bus: BusClient) {}

  async execute(command: IngestCommand): Promise<AcceptedResponse> {
    if (command.messages.length > INGEST_LIMITS.maxBatchMessages) {
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        `A batch holds at most ${INGEST_LIMITS.maxBatchMessages} messages`,
      );
    }
    const now = new Date().toISOString();
    const good: IngestMessage[] = [];
    const rejected: AcceptedResponse['rejected'] = [];
    command.messages.forEach((item, index) => {
      const result = toMessage(item.type, item.body, item.path, now);
      if ('details' in result) rejected.push({ index, details: result.details });
      else good.push(result.message);
    });
    if (good.length === 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        command.single ? 'Invalid message' : 'No valid message in the batch',
        rejected.flatMap((rejection) => rejection.details),
      );
    }
    const answer = await this.bus.request('users.messages.accept', {
      workspaceId: command.workspaceId,
      messages: good,
    });
    return { ...answer, rejected };
  }
}

function toMessage(
  type: unknown,
  body: unknown,
  path: string,
  now: string,
): { message: IngestMessage } | { details: ErrorDetail[] } {
  if (typeof type !== 'string' || !Object.hasOwn(MESSAGE_BODIES, type)) {
    return {
      details: [{ path: `${path}.type`, message: 'must be "identify", "track" or "page"' }],
    };
  }
  const parsed = MESSAGE_BODIES[type as MessageType].safeParse(body);
  if (!parsed.success) return { details: zodIssuesToDetails(parsed.error, path) };
  const data = parsed.data;
  const base = {
    userId: data.userId,
    messageId: data.messageId ?? randomUUID(),
    timestamp: data.timestamp ?? now,
  };
  if ('event' in data && type === 'track') {
    return {
      message: {
        ...base,
        type: 'track',
        event: String(data.event),
        properties: (data.properties ?? {}) as Record<string, unknown>,
      },
    };
  }
  if (type === 'identify') {
    return {
      message: {
        ...base,
        type: 'identify',
        traits: ((data as { traits?: Record<string, unknown> }).traits ?? {}) as Record<
          string,
          unknown
        >,
      },
    };
  }
  const page = data as { name?: string; properties?: Record<string, unknown> };
  return {
    message: {
      ...base,
      type: 'page',
      ...(page.name !== undefined ? { name: page.name } : {}),
      properties: page.properties ?? {},
    },
  };
}
