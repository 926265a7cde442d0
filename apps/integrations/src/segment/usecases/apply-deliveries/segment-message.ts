import { type IngestMessage, ingestMessageSchema, isPlainObject } from '@seg/contracts';
import { z } from 'zod';

const isoTimestamp = z.iso.datetime({ offset: true });

/** What a stored Segment.io message becomes for the users service. */
export type SegmentAction =
  | { kind: 'ingest'; message: IngestMessage }
  | { kind: 'erase'; userId: string }
  | { kind: 'skip'; reason: string };

/**
 * Maps a Segment Spec message to the users service's ingestion shape: identify →
 * traits, track → event with properties, page/screen → activity, delete → erase.
 * The messageId is kept (the users inbox dedupes on it, so a retried job never
 * applies a message twice); a missing or unreadable timestamp becomes the time received.
 */
export function toSegmentAction(
  stored: { messageId: string; type: string; message: Record<string, unknown> },
  receivedAt: Date,
): SegmentAction {
  const { message, messageId } = stored;
  const userId = message['userId'];
  if (stored.type === 'delete') {
    return typeof userId === 'string' && userId !== ''
      ? { kind: 'erase', userId }
      : { kind: 'skip', reason: 'delete without a userId' };
  }
  const parsedTimestamp = isoTimestamp.safeParse(message['timestamp']);
  const timestamp = parsedTimestamp.success ? parsedTimestamp.data : receivedAt.toISOString();
  const objectOf = (value: unknown) => (isPlainObject(value) ? value : {});
  let candidate: Record<string, unknown>;
  switch (stored.type) {
    case 'identify':
      candidate = {
        type: 'identify',
        userId,
        messageId,
        timestamp,
        traits: objectOf(message['traits']),
      };
      break;
    case 'track':
      candidate = {
        type: 'track',
        userId,
        messageId,
        timestamp,
        event: message['event'],
        properties: objectOf(message['properties']),
      };
      break;
    case 'page':
    case 'screen': {
      const name = message['name'];
      candidate = {
        type: 'page',
        userId,
        messageId,
        timestamp,
        ...(typeof name === 'string' ? { name } : {}),
        properties: objectOf(message['properties']),
      };
      break;
    }
    default:
      return { kind: 'skip', reason: `ignored: ${stored.type} calls are not applied` };
  }
  const parsed = ingestMessageSchema.safeParse(candidate);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`);
    return { kind: 'skip', reason: `invalid ${stored.type}: ${issues.join('; ')}` };
  }
  return { kind: 'ingest', message: parsed.data };
}
