import {
  attributeCatalogItemSchema,
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

/** `GET /v1/attributes`: the catalog the dashboard builds filters from. */
export const attributeCatalogResponse = z.array(attributeCatalogItemSchema);
/** `GET /v1/events`. */
export const eventCatalogResponse = z.array(eventCatalogItemSchema);
