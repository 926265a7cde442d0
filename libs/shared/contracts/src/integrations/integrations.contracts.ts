import { z } from 'zod';
import { requestContract } from '../bus/contract';
import { workspaceIdSchema } from '../common/ids';

/** The tools a workspace can connect. */
export const INTEGRATION_PROVIDERS = ['segment', 'hubspot', 'customerio'] as const;
export const integrationProviderSchema = z.enum(INTEGRATION_PROVIDERS);
export type IntegrationProvider = z.infer<typeof integrationProviderSchema>;

/** Providers whose data is pulled by a scheduled sync (Segment pushes to a webhook). */
export const SYNC_PROVIDERS = ['hubspot', 'customerio'] as const;
export const syncProviderSchema = z.enum(SYNC_PROVIDERS);
export type SyncProvider = z.infer<typeof syncProviderSchema>;

const intervalMinutes = z
  .number()
  .int()
  .min(5)
  .max(7 * 24 * 60);
/**
 * Test/staging only: a vendor base URL per connection (a fake server started by
 * a test). The integrations service rejects it unless NODE_ENV=test.
 */
const apiBaseUrl = z.url({ protocol: /^https?$/ }).max(500);

export const segmentConnectionInput = z
  .object({ sharedSecret: z.string().min(8).max(500) })
  .strict();
export const hubspotConnectionInput = z
  .object({
    accessToken: z.string().min(8).max(500),
    properties: z
      .array(z.string().regex(/^[A-Za-z0-9_]{1,100}$/, 'must be a HubSpot property name'))
      .max(500)
      .optional(),
    intervalMinutes: intervalMinutes.optional(),
    apiBaseUrl: apiBaseUrl.optional(),
  })
  .strict();
export const customerioConnectionInput = z
  .object({
    appApiKey: z.string().min(8).max(500),
    region: z.enum(['us', 'eu']),
    intervalMinutes: intervalMinutes.optional(),
    apiBaseUrl: apiBaseUrl.optional(),
  })
  .strict();

export const connectionInputByProvider = {
  segment: segmentConnectionInput,
  hubspot: hubspotConnectionInput,
  customerio: customerioConnectionInput,
} as const;

export const runStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const runStatsSchema = z.object({
  fetched: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  /** Vendor records with no user yet (kept; applied when the user appears). */
  unmatched: z.number().int(),
});
export type RunStats = z.infer<typeof runStatsSchema>;

export const runViewSchema = z.object({
  id: z.string(),
  provider: integrationProviderSchema,
  status: runStatusSchema,
  trigger: z.enum(['manual', 'schedule']),
  queuedAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  attempts: z.number().int(),
  stats: runStatsSchema,
  error: z.string().optional(),
});
export type RunView = z.infer<typeof runViewSchema>;

export const connectionViewSchema = z.object({
  provider: integrationProviderSchema,
  /** Settings without secrets; each secret appears as `{ set: true, last4 }`. */
  settings: z.record(z.string(), z.unknown()),
  status: z.enum(['connected', 'error']),
  intervalMinutes: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  lastRun: runViewSchema.nullable(),
  /** When a run last succeeded (the latest one may have failed since); null: never. */
  lastSucceededAt: z.iso.datetime().nullable(),
  /** Segment only: where Segment.io delivers. */
  webhookPath: z.string().optional(),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

const scoped = { workspaceId: workspaceIdSchema };

export const segmentDeliveryRequest = z.object({
  ...scoped,
  /** The raw request body as received (the signature covers these bytes), base64. */
  rawBodyBase64: z.string().max(20 * 1024 * 1024),
  signature: z.string().max(200).optional(),
});
export const segmentDeliveryResponse = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
});

/** Requests answered by the integrations service (the gateway forwards HTTP calls). */
export const integrationsRequests = {
  'integrations.connection.put': requestContract(
    'integrations',
    z.object({ ...scoped, provider: integrationProviderSchema, input: z.unknown() }),
    connectionViewSchema,
  ),
  'integrations.connection.list': requestContract(
    'integrations',
    z.object(scoped),
    z.object({ integrations: z.array(connectionViewSchema) }),
  ),
  'integrations.connection.get': requestContract(
    'integrations',
    z.object({ ...scoped, provider: integrationProviderSchema }),
    connectionViewSchema,
  ),
  'integrations.connection.delete': requestContract(
    'integrations',
    z.object({ ...scoped, provider: integrationProviderSchema }),
    z.object({ deleted: z.boolean() }),
  ),
  'integrations.sync.request': requestContract(
    'integrations',
    z.object({ ...scoped, provider: syncProviderSchema }),
    z.object({ runId: z.string(), status: runStatusSchema, alreadyActive: z.boolean() }),
  ),
  'integrations.run.list': requestContract(
    'integrations',
    z.object({
      ...scoped,
      provider: integrationProviderSchema,
      limit: z.number().int().min(1).max(100).default(20),
    }),
    z.object({ runs: z.array(runViewSchema) }),
  ),
  'integrations.segment.deliver': requestContract(
    'integrations',
    segmentDeliveryRequest,
    segmentDeliveryResponse,
  ),
};

/** BullMQ job payloads of the integrations queues. */
export const syncJobPayload = z
  .object({
    workspaceId: workspaceIdSchema,
    provider: syncProviderSchema,
    /** Set for a run queued on demand; a scheduled job creates its run when it starts. */
    runId: z.string().max(100).optional(),
  })
  .strict();
export type SyncJobPayload = z.infer<typeof syncJobPayload>;

export const segmentApplyJobPayload = z
  .object({ workspaceId: workspaceIdSchema, deliveryIds: z.array(z.string()).min(1).max(1_000) })
  .strict();
export type SegmentApplyJobPayload = z.infer<typeof segmentApplyJobPayload>;
