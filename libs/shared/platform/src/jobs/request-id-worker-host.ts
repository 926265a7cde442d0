import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import {
  acceptedRequestId,
  currentRequestId,
  newRequestId,
  runWithRequestId,
} from '../request-context/request-id';

const logger = new Logger('Jobs');

/** What a producer adds to a job's data: the id of the request that queued it. */
export function jobRequestContext(): { requestId?: string } {
  const requestId = currentRequestId();
  return requestId ? { requestId } : {};
}

/**
 * A BullMQ processor whose jobs run as part of the request that queued them
 * (`requestId` in the job's data; a scheduled job gets its own): log lines and
 * the bus messages it sends carry that id.
 */
export abstract class RequestIdWorkerHost extends WorkerHost {
  constructor() {
    super();
    const process = this.process.bind(this);
    // @nestjs/bullmq binds `process` of the instance when it creates the worker.
    this.process = (job: Job, token?: string) => {
      const data: { requestId?: unknown } = job.data ?? {};
      return runWithRequestId(acceptedRequestId(data.requestId) ?? newRequestId(), async () => {
        const startedAt = performance.now();
        try {
          return await process(job, token);
        } finally {
          logger.debug(
            { queue: job.queueName, job: job.name, ms: Math.round(performance.now() - startedAt) },
            'Job processed',
          );
        }
      });
    };
  }
}
