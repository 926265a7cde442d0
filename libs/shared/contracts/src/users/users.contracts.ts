import { z } from 'zod';
import { requestContract } from '../bus/contract';
import { pageQuery } from '../paging/page-query';
import { userIdSchema, workspaceIdSchema } from '../common/ids';

/** Ingestion limits (api.md): a batch carries at most 500 messages. */
export const INGEST_LIMITS = {
  maxBatchMessages: 500,
  maxKeyLength: 200,
  maxDepth: 10,
  maxKeysPerObject: 1_000,
  maxNameLength: 200,
  maxMessageIdLength: 200,
} as const;

/** Why a custom attribute / property key is refused, or undefined when it is fine. */
export function ingestKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'key must not be empty';
  if (key.length > INGEST_LIMITS.maxKeyLength) {
    return `key must be at most ${INGEST_LIMITS.maxKeyLength} characters`;
  }
  if (key.includes('\0')) return 'key must not contain a NUL character';
  const segments = key.split('.');
  if (segments.some((segment) => segment === '')) {
    return 'key must not contain an empty path segment';
  }
  if (segments.some((segment) => segment.startsWith('$'))) return 'key must not start with "$"';
  if (segments.some((segment) => segment === '__proto__' || segment === 'constructor')) {
    return 'key must not be "__proto__" or "constructor"';
  }
  return undefined;
}

/**
 * A JSON object of traits or properties: every key (at every depth) must be a
 * safe path; nested objects are kept as paths (`company.plan`).
 */
export const attributeObjectSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    // Checked on the raw input: a parsed record would already have lost a `__proto__` key.
    if (!isPlainObject(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be an object' });
      return;
    }
    checkObject(value, [], 1, ctx);
  })
  .transform((value) => value as Record<string, unknown>);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkObject(
  value: Record<string, unknown>,
  path: PropertyKey[],
  depth: number,
  ctx: z.RefinementCtx,
): void {
  const keys = Object.keys(value);
  if (keys.length > INGEST_LIMITS.maxKeysPerObject) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `at most ${INGEST_LIMITS.maxKeysPerObject} keys`,
    });
    return;
  }
  for (const key of keys) {
    const problem = ingestKeyProblem(key);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: [...path, key], message: problem });
      continue;
    }
    const child = value[key];
    if (isPlainObject(child)) {
      if (depth >= INGEST_LIMITS.maxDepth) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, key],
          message: `nesting deeper than ${INGEST_LIMITS.maxDepth} levels`,
        });
        continue;
      }
      checkObject(child, [...path, key], depth + 1, ctx);
    }
  }
}

const messageId = z.string().min(1).max(INGEST_LIMITS.maxMessageIdLength);
const timestamp = z.iso.datetime({ offset: true });

/** One message as the users service stores it: ids and timestamp already resolved by the gateway. */
export const ingestMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('identify'),
    userId: userIdSchema,
    messageId,
    timestamp,
    traits: attributeObjectSchema,
  }),
  z.object({
    type: z.literal('track'),
    userId: userIdSchema,
    messageId,
    timestamp,
    event: z.string().min(1).max(INGEST_LIMITS.maxNameLength),
    properties: attributeObjectSchema,
  }),
  z.object({
    type: z.literal('page'),
    userId: userIdSchema,
    messageId,
    timestamp,
    name: z.string().max(INGEST_LIMITS.maxNameLength).optional(),
    properties: attributeObjectSchema,
  }),
]);
export type IngestMessage = z.infer<typeof ingestMessageSchema>;

/** Who sent an ingestion batch (see `users.messages.accept`). */
export const ingestSourceSchema = z.enum(['sdk', 'segment']);
export type IngestSource = z.infer<typeof ingestSourceSchema>;

const isoDate = z.iso.datetime({ offset: true });
const tags = z.array(z.string().trim().min(1).max(100)).min(1).max(100);

export const userListItemSchema = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  lastActivityAt: isoDate,
});

/** The whole profile as the segment engine sees it (dates as ISO strings on the wire). */
export const userProfileSchema = z.looseObject({
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: isoDate,
  lastActivityAt: isoDate,
  sessions: z.number(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  interactions: z.array(z.unknown()),
  experiences: z.object({
    seen: z.array(z.string()),
    completed: z.array(z.string()),
    answers: z.array(z.string()),
  }),
});
export type UserProfileView = z.infer<typeof userProfileSchema>;

/** One event of a user as the API shows it. */
export const userEventSchema = z.object({
  source: z.enum(['jimo', 'segment']),
  name: z.string(),
  timestamp: isoDate,
  properties: z.record(z.string(), z.unknown()),
});
export type UserEventView = z.infer<typeof userEventSchema>;

export const attributeCatalogItemSchema = z.object({
  category: z.enum(['attribute', 'customAttribute']),
  source: z.enum(['sdk', 'segment', 'hubspot', 'customerio']).nullable(),
  key: z.string(),
  type: z.enum(['string', 'number', 'boolean', 'date', 'list']),
  sampleValues: z.array(z.unknown()),
  /** Values that could not be normalised to `type` (kept aside, never compared). */
  rejectedCount: z.number().int(),
  /**
   * How many of the workspace's users have a value (the engine's `isSet`; `isNotEmpty` for
   * lists), counted in the background: as of `asOf`. Null until the first count.
   */
  coverage: z
    .object({
      users: z.number().int(),
      /** `users` / the workspace's users then (0 when it had none), 0–1. */
      share: z.number().min(0).max(1),
      asOf: isoDate,
    })
    .nullable(),
  /** The last time the users service wrote a value of it for any user; null: never seen. */
  lastWrittenAt: isoDate.nullable(),
});
export type AttributeCatalogItem = z.infer<typeof attributeCatalogItemSchema>;

export const eventCatalogItemSchema = z.object({
  source: z.enum(['jimo', 'segment']),
  name: z.string(),
  count: z.number().int(),
  lastSeenAt: isoDate,
});
export type EventCatalogItem = z.infer<typeof eventCatalogItemSchema>;

const workspaceScoped = { workspaceId: workspaceIdSchema };

/** What the gateway asks the users service (patterns `users.<entity>.<verb>`). */
export const usersRequests = {
  /** Stores the messages durably (inbox, idempotent by messageId); answered once stored. */
  'users.messages.accept': requestContract(
    'users',
    z.object({
      ...workspaceScoped,
      messages: z.array(ingestMessageSchema).min(1).max(INGEST_LIMITS.maxBatchMessages),
      /**
       * Where the batch comes from: `sdk` (default) makes identify traits `sdk` custom
       * attributes and track calls `jimo` events; `segment` (the Segment.io webhook)
       * makes them `segment` custom attributes and `segment` events.
       */
      source: ingestSourceSchema.optional(),
    }),
    z.object({ accepted: z.number().int(), duplicates: z.number().int() }),
  ),
  /**
   * Erases one user's profile and events (Segment.io's user-deletion request).
   * Messages of that user accepted before are applied first, so they cannot bring it back.
   */
  'users.user.erase': requestContract(
    'users',
    z.object({ ...workspaceScoped, userId: userIdSchema }),
    z.object({ erased: z.boolean() }),
  ),
  'users.profiles.list': requestContract(
    'users',
    z.object({
      ...workspaceScoped,
      ...pageQuery.shape,
    }),
    z.object({ items: z.array(userListItemSchema), nextCursor: z.string().nullable() }),
  ),
  'users.profile.get': requestContract(
    'users',
    z.object({ ...workspaceScoped, userId: userIdSchema }),
    userProfileSchema,
  ),
  /** A user's most recent events, newest first (the dashboard's user page). */
  'users.user.events': requestContract(
    'users',
    z.object({
      ...workspaceScoped,
      userId: userIdSchema,
      limit: z.number().int().min(1).max(200).default(50),
    }),
    z.object({ events: z.array(userEventSchema) }),
  ),
  'users.tags.add': requestContract(
    'users',
    z.object({ ...workspaceScoped, userId: userIdSchema, tags }),
    z.object({ userId: z.string(), tags: z.array(z.string()) }),
  ),
  'users.tags.remove': requestContract(
    'users',
    z.object({ ...workspaceScoped, userId: userIdSchema, tags }),
    z.object({ userId: z.string(), tags: z.array(z.string()) }),
  ),
  'users.attributes.list': requestContract(
    'users',
    z.object(workspaceScoped),
    z.object({ items: z.array(attributeCatalogItemSchema) }),
  ),
  'users.events.list': requestContract(
    'users',
    z.object(workspaceScoped),
    z.object({ items: z.array(eventCatalogItemSchema) }),
  ),
};

export const tagsSchema = tags;
