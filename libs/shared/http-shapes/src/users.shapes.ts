import {
  attributeCatalogItemSchema,
  integrationProviderSchema,
  eventCatalogItemSchema,
  tagsSchema,
  userIdSchema,
  userProfileSchema,
  usersRequests,
  userSegmentView,
} from '@seg/contracts';
import { z } from 'zod';

/** The path parameters of `/v1/users/:userId` and `/v1/users/:userId/tags`. */
export const userIdParams = z.object({ userId: userIdSchema });

/** `POST` and `DELETE /v1/users/:userId/tags`. */
export const tagsBody = z.object({ tags: tagsSchema });

// What the users service answers on the bus is the HTTP answer as is.
export const userListResponse = usersRequests['users.profiles.list'].response;
export const userTagsResponse = usersRequests['users.tags.add'].response;

/** `GET /v1/users/:userId/events`: the most recent ones, newest first. */
export const userEventsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const userEventsResponse = usersRequests['users.user.events'].response;

/**
 * `GET /v1/users/:userId`: the users service's profile plus the segments service's answer.
 * When the segments service cannot answer, `segments` is omitted and `segmentsError` says
 * why, rather than failing the whole profile.
 */
export const userProfileResponse = userProfileSchema.extend({
  segments: z.array(userSegmentView).optional(),
  segmentsError: z.literal('unavailable').optional(),
});
export type UserProfileResponse = z.infer<typeof userProfileResponse>;

/**
 * The connection an attribute's source comes from (HubSpot, Customer.io, Segment.io), as the
 * integrations service shows it: when a run last succeeded and whether the latest one failed.
 * Segment.io pushes to a webhook (no runs): its `lastSucceededAt` stays null.
 */
export const attributeSourceSyncSchema = z.object({
  provider: integrationProviderSchema,
  status: z.enum(['connected', 'error']),
  /** Minutes between scheduled runs; null: none scheduled (Segment.io, or sync on demand). */
  intervalMinutes: z.number().int().nullable(),
  lastSucceededAt: z.iso.datetime().nullable(),
  /** The latest finished run failed (a run still going does not count yet). */
  latestRunFailed: z.boolean(),
  /** Its error, when it failed. */
  latestRunError: z.string().optional(),
});
export type AttributeSourceSync = z.infer<typeof attributeSourceSyncSchema>;

/**
 * One attribute of `GET /v1/attributes`: the users service's entry (type, samples, coverage,
 * last write) and its source's connection: `sync` null when the source has none (the SDK,
 * native attributes, a tool not connected), absent when the integrations could not be read.
 */
export const attributeCatalogEntryResponse = attributeCatalogItemSchema.extend({
  sync: attributeSourceSyncSchema.nullable().optional(),
});
export type AttributeCatalogEntryResponse = z.infer<typeof attributeCatalogEntryResponse>;

/** `GET /v1/attributes`: the catalog the dashboard builds filters from. */
export const attributeCatalogResponse = z.array(attributeCatalogEntryResponse);
/** `GET /v1/events`. */
export const eventCatalogResponse = z.array(eventCatalogItemSchema);
