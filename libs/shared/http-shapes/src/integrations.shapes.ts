import {
  connectionInputByProvider,
  integrationProviderSchema,
  integrationsRequests,
  runViewSchema,
  syncProviderSchema,
  workspaceIdSchema,
} from '@seg/contracts';
import { z } from 'zod';

/** `:provider` of `/v1/integrations/:provider`: segment, hubspot, customerio. */
export const providerParam = integrationProviderSchema;
/** `:provider` of `/v1/integrations/:provider/sync`: the providers pulled by a sync. */
export const syncProviderParam = syncProviderSchema;

/**
 * `PUT /v1/integrations/:provider`: the body for each provider (checked by the integrations
 * service, which knows the provider from the path).
 */
export const connectionBodyByProvider = connectionInputByProvider;

/** `?limit=` of `GET /v1/integrations/:provider/runs`. */
export const runsLimitQuery = z.coerce.number().int().min(1).max(100).default(20);

/** `:workspaceId` of the Segment.io webhook (`POST /v1/integrations/segment/webhook/:workspaceId`). */
export const webhookWorkspaceParam = workspaceIdSchema;

// What the integrations service answers on the bus is the HTTP answer as is.
export const connectionListResponse = integrationsRequests['integrations.connection.list'].response;
export const connectionResponse = integrationsRequests['integrations.connection.get'].response;
export const connectionDeletedResponse =
  integrationsRequests['integrations.connection.delete'].response;
export const syncRequestedResponse = integrationsRequests['integrations.sync.request'].response;
export const runListResponse = z.array(runViewSchema);
export const webhookDeliveryResponse =
  integrationsRequests['integrations.segment.deliver'].response;
