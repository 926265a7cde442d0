import { JobsModule } from '@seg/platform';
import type { SegmentsConfig } from './config';
import { MEMBERSHIP_QUEUE } from './read-model/membership-queue';

/** The queues of this app: produced by the service (and the worker), worked on by the worker. */
export const SEGMENTS_QUEUES = [MEMBERSHIP_QUEUE] as const;

export function segmentsJobsModule(config: SegmentsConfig) {
  return JobsModule.forRoot(config, {
    queues: SEGMENTS_QUEUES,
    attempts: config.MEMBERSHIP_ATTEMPTS,
    backoffMs: config.MEMBERSHIP_BACKOFF_MS,
  });
}
