import { JobsModule } from '@seg/platform';
import type { IntegrationsConfig } from '../config';
import { SEGMENT_QUEUE } from './segment-queue';
import { SYNC_QUEUE } from './sync-queue';

/** The queues of this app: produced by the bus consumer, worked on by the worker process. */
export const INTEGRATIONS_QUEUES = ['integrations.system', SYNC_QUEUE, SEGMENT_QUEUE] as const;

/** BullMQ for this app, with the sync retries of its config (platform defaults otherwise). */
export function integrationsJobsModule(config: IntegrationsConfig) {
  return JobsModule.forRoot(config, {
    queues: INTEGRATIONS_QUEUES,
    attempts: config.SYNC_ATTEMPTS,
    backoffMs: config.SYNC_BACKOFF_MS,
  });
}
