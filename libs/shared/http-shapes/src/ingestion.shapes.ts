import { attributeObjectSchema, INGEST_LIMITS, userIdSchema } from '@seg/contracts';
import { z } from 'zod';

/**
 * Segment Spec message shapes (`POST /v1/identify`, `/v1/track`, `/v1/page`, and each message
 * of `/v1/batch`). Fields we do not use (context, anonymousId, integrations, sentAt,
 * originalTimestamp…) are accepted and ignored. The gateway fills `messageId` (random) and
 * `timestamp` (time received) when they are absent.
 */
const common = {
  userId: userIdSchema,
  messageId: z.string().min(1).max(INGEST_LIMITS.maxMessageIdLength).optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
};

const builtIn = z.string().max(1_000).nullable().optional();

/** `traits.name` and `traits.email` are built-in attributes; other traits are custom ones. */
export const identifyBody = z.looseObject({
  ...common,
  traits: attributeObjectSchema.pipe(z.looseObject({ name: builtIn, email: builtIn })).optional(),
});

export const trackBody = z.looseObject({
  ...common,
  event: z.string().min(1).max(INGEST_LIMITS.maxNameLength),
  properties: attributeObjectSchema.optional(),
});

export const pageBody = z.looseObject({
  ...common,
  name: z.string().max(INGEST_LIMITS.maxNameLength).optional(),
  properties: attributeObjectSchema.optional(),
});

/** Each message `type` of a batch and the shape it must have. */
export const MESSAGE_BODIES = { identify: identifyBody, track: trackBody, page: pageBody } as const;
export type MessageType = keyof typeof MESSAGE_BODIES;

/**
 * `/v1/batch`: Segment's envelope of at most `INGEST_LIMITS.maxBatchMessages` messages, each
 * with its `type`; each message is checked on its own (bad ones are rejected per index).
 */
export const batchBody = z.looseObject({
  batch: z.array(z.unknown()).min(1, 'must hold at least one message'),
});

const rejection = z.object({
  index: z.number().int(),
  details: z.array(z.object({ path: z.string(), message: z.string() })),
});

/** The 202 answer of every ingestion endpoint: stored durably, applied shortly after. */
export const acceptedResponse = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(rejection),
});
export type AcceptedResponse = z.infer<typeof acceptedResponse>;
