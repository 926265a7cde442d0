import { z } from 'zod';
import { segmentApplyJobPayload, syncJobPayload } from '../integrations/integrations.contracts';
import { segmentIdSchema, userIdSchema, workspaceIdSchema } from '../common/ids';
import { syncPageJobPayload } from '../users/users.sync-pages';

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
  /**
   * The segments worker's membership read model: `recompute` every user of a workspace after a
   * segment was created, edited or deleted (or a sync changed unnamed users; job id per segment
   * version), `users` re-evaluates named users after they changed, `due` re-evaluates a user at
   * its `nextChangeAt` (a delayed job).
   */
  'segments.membership': {
    recompute: z
      .object({
        workspaceId: workspaceIdSchema,
        /** What triggered it (a segment id, or `profiles` for a sync that named no users). */
        reason: z.union([segmentIdSchema, z.literal('profiles')]),
        /** Re-evaluate even if every segment's computed version is current (data changed). */
        force: z.boolean().optional(),
        /**
         * The `at` of the sync that forced it: every row it evaluates records it (targeting
         * trusts a row only once it has seen the newest change heard for its user).
         */
        dataAt: z.iso.datetime({ offset: true }).optional(),
        ...jobContext,
      })
      .strict(),
    users: z
      .object({
        workspaceId: workspaceIdSchema,
        userIds: z.array(userIdSchema).min(1).max(5_000),
        /** The `at` of the `user.updated` / `profiles.synced` that queued it (see recompute). */
        dataAt: z.iso.datetime({ offset: true }).optional(),
        ...jobContext,
      })
      .strict(),
    due: z.object({ workspaceId: workspaceIdSchema, userId: userIdSchema, ...jobContext }).strict(),
  },
  /**
   * Pages of HubSpot / Customer.io records handed by the sync workers to the users service,
   * the only writer of profiles (job id `<runId>:<seq>`; the return value is the page's
   * outcome, `syncPageOutcomeSchema`).
   */
  'users.sync-pages': { write: syncPageJobPayload.extend(jobContext) },
  /** Messages that cannot be processed (poisoned): kept with their reason for inspection. */
  'users.dead-letter': {
    poisoned: z
      .object({
        queue: z.string(),
        jobId: z.string().optional(),
        reason: z.string(),
        data: z.unknown(),
        ...jobContext,
      })
      .strict(),
  },
} as const;

export type QueueName = keyof typeof queueContracts;
export type JobName<Q extends QueueName> = keyof (typeof queueContracts)[Q] & string;
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = z.output<
  (typeof queueContracts)[Q][J] extends z.ZodType ? (typeof queueContracts)[Q][J] : never
>;
