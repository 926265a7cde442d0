import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { standardMetrics } from '../metrics/standard-metrics';
import {
  acceptedRequestId,
  currentRequestId,
  newRequestId,
  runWithRequestId,
} from '../request-context/request-id';
import { contextFrom, inSpan, SpanKind, traceCarrier } from '../telemetry/tracing';

const logger = new Logger('Jobs');

/**
 * What a producer adds to a job's data: the id of the request that queued it and, when
 * traced, its W3C trace context (`traceparent`, `tracestate`).
 */
export function jobRequestContext(): {
  requestId?: string;
  traceparent?: string;
  tracestate?: string;
} {
  const requestId = currentRequestId();
  return { ...(requestId ? { requestId } : {}), ...traceCarrier() };
}

/**
 * A BullMQ processor whose jobs run as part of the request that queued them
 * (`requestId` in the job's data; a scheduled job gets its own): log lines and
 * the bus messages it sends carry that id. Each job is a span, child of the one that
 * queued it (`traceparent` in its data), and its duration is recorded by queue, job
 * name and outcome (`bullmq_job_duration_seconds`).
 */
export abstract class RequestIdWorkerHost extends WorkerHost {
  constructor() {
    super();
    const process = this.process.bind(this);
    // @nestjs/bullmq binds `process` of the instance when it creates the worker.
    this.process = (job: Job, token?: string) => {
      const data: Record<string, unknown> = job.data ?? {};
      const startedAt = performance.now();
      let outcome = 'failed';
      return inSpan(
        `${job.queueName} ${job.name} process`,
        {
          kind: SpanKind.CONSUMER,
          parent: contextFrom(data),
          attributes: {
            'messaging.system': 'bullmq',
            'messaging.destination.name': job.queueName,
            'messaging.operation.type': 'process',
            'messaging.message.id': job.id ?? '',
            'job.name': job.name,
            'job.attempt': job.attemptsMade + 1,
          },
        },
        () =>
          runWithRequestId(acceptedRequestId(data['requestId']) ?? newRequestId(), async () => {
            try {
              const result = await process(job, token);
              outcome = 'completed';
              return result;
            } finally {
              const seconds = (performance.now() - startedAt) / 1000;
              standardMetrics.jobDuration.observe(
                { queue: job.queueName, job: job.name, outcome },
                seconds,
              );
              logger.debug(
                { queue: job.queueName, job: job.name, ms: Math.round(seconds * 1000) },
                'Job processed',
              );
            }
          }),
      );
    };
  }
}
