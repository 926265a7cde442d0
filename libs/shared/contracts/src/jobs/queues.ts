import { z } from 'zod';
import { segmentApplyJobPayload, syncJobPayload } from '../integrations/integrations.contracts';

/**
 * Every job may carry the id of the request that queued it, so the worker's logs carry it too,
 * and the W3C trace context it was queued in (`traceparent`, `tracestate`), so its span joins
 * that trace.
 */
export const jobContext = {
  requestId: z.string().max(128).optional(),
  traceparent: z.string().max(55).optional(),
  tracestate: z.string().max(512).optional(),
};

/**
 * BullMQ queues and their job payloads, typed once. Renaming a queue is a
 * migration: jobs already stored under the old name would be orphaned.
 */
export const queueContracts = {
  'integrations.system': {
    echo: z.object({ message: z.string().max(1_000), ...jobContext }).strict(),
  },
  /** HubSpot / Customer.io syncs, on demand (job id = run id) or scheduled. */
  'integrations.sync': { run: syncJobPayload.extend(jobContext) },
  /** Segment.io deliveries stored by the webhook, applied to the profile store. */
  'integrations.segment': { apply: segmentApplyJobPayload.extend(jobContext) },
} as const;

export type QueueName = keyof typeof queueContracts;
export type JobName<Q extends QueueName> = keyof (typeof queueContracts)[Q] & string;
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = z.output<
  (typeof queueContracts)[Q][J] extends z.ZodType ? (typeof queueContracts)[Q][J] : never
>;
