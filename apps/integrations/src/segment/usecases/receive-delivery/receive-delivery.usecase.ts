import { Injectable } from '@nestjs/common';
import { DomainError, ParsedRequestOf } from '@seg/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { ConnectionRepository } from '../../../connections/connection.repository';
import { connectionId } from '../../../connections/connection.schema';
import { SecretBox } from '../../../crypto/secret-box';
import { SegmentQueue } from '../../../jobs/segment-queue';
import { SegmentDeliveryRepository } from '../../segment-delivery.repository';
import { deliveryId } from '../../segment-delivery.schema';
import { signatureMatches } from '../../segment-signature';

export type ReceiveDeliveryCommand = ParsedRequestOf<'integrations.segment.deliver'>;

/** Segment's Actions webhook batches up to 1,000 events; classic sends one. */
const MAX_MESSAGES = 1_000;
const SEGMENT_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias', 'delete'];

/**
 * A Segment.io webhook delivery: verified, deduplicated by messageId, stored,
 * and queued for the worker. Answers without touching profiles (fast).
 */
@Injectable()
export class ReceiveDeliveryUseCase {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly deliveries: SegmentDeliveryRepository,
    private readonly secrets: SecretBox,
    private readonly queue: SegmentQueue,
  ) {}

  async execute(
    command: ReceiveDeliveryCommand,
  ): Promise<{ accepted: number; duplicates: number }> {
    const { workspaceId } = command;
    // The signature covers the body's exact bytes, so they travel base64-encoded.
    const rawBody = Buffer.from(command.rawBodyBase64, 'base64');
    const connection = await this.connections.get(workspaceId, 'segment');
    const secret = connection
      ? this.secrets.openOrNull(connection.secret, connectionId(workspaceId, 'segment'))
      : null;
    if (!secret || !signatureMatches(secret, rawBody, command.signature)) {
      throw new DomainError('UNAUTHENTICATED', 'Invalid or missing X-Signature');
    }
    const messages = parseMessages(rawBody);
    const receivedAt = new Date();
    const unique = new Map<
      string,
      { messageId: string; type: string; message: Record<string, unknown> }
    >();
    for (const message of messages) {
      const messageId =
        typeof message['messageId'] === 'string' && message['messageId'] !== ''
          ? message['messageId']
          : `sha256-${createHash('sha256').update(JSON.stringify(message)).digest('hex')}`;
      unique.set(deliveryId(workspaceId, messageId), {
        messageId,
        type: String(message['type']),
        message,
      });
    }
    const fresh = await this.deliveries.insertNew(
      workspaceId,
      [...unique].map(([id, entry]) => ({ _id: id, ...entry, receivedAt, appliedAt: null })),
    );
    if (fresh.length > 0) {
      await this.queue.enqueueApply(workspaceId, fresh, `seg-${randomBytes(10).toString('hex')}`);
    }
    return { accepted: messages.length, duplicates: messages.length - fresh.length };
  }
}

function parseMessages(rawBody: Buffer): Array<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The body is not valid JSON');
  }
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0 || list.length > MAX_MESSAGES) {
    throw new DomainError('VALIDATION_FAILED', `Send 1–${MAX_MESSAGES} messages`);
  }
  const problems = list.flatMap((message, index) => {
    const path = Array.isArray(body) ? `body[${index}]` : 'body';
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return [{ path, message: 'must be a Segment message object' }];
    }
    const { type, userId } = message as Record<string, unknown>;
    if (typeof type !== 'string' || !SEGMENT_TYPES.includes(type)) {
      return [{ path: `${path}.type`, message: `must be one of ${SEGMENT_TYPES.join(', ')}` }];
    }
    const needsUser = ['identify', 'track', 'page', 'screen', 'delete'].includes(type);
    if (needsUser && (typeof userId !== 'string' || userId === '' || userId.length > 256)) {
      return [{ path: `${path}.userId`, message: 'must be a non-empty string ≤ 256 characters' }];
    }
    return [];
  });
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'Invalid Segment message', problems);
  }
  return list as Array<Record<string, unknown>>;
}
