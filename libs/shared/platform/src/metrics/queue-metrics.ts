import { getQueueToken } from '@nestjs/bullmq';
import { OnModuleDestroy, OnModuleInit, type Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { metricGauge, onMetricsScrape } from './registry';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

const queueJobs = metricGauge({
  name: 'bullmq_queue_jobs',
  help: 'Jobs in each BullMQ queue by state, read from Redis at scrape time (every process that knows the queue reports it: aggregate with max by queue)',
  labelNames: ['queue', 'state'],
});

/** Reads the depth of this process's queues into `bullmq_queue_jobs` on every scrape. */
class QueueDepthMetrics implements OnModuleInit, OnModuleDestroy {
  private stop?: () => void;

  constructor(private readonly queues: Queue[]) {}

  onModuleInit(): void {
    this.stop = onMetricsScrape(async () => {
      await Promise.all(
        this.queues.map(async (queue) => {
          const counts = await queue.getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) {
            queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
          }
        }),
      );
    });
  }

  onModuleDestroy(): void {
    this.stop?.();
  }
}

export function queueDepthMetricsProvider(queues: readonly string[]): Provider {
  return {
    provide: QueueDepthMetrics,
    inject: queues.map((name) => getQueueToken(name)),
    useFactory: (...instances: Queue[]) => new QueueDepthMetrics(instances),
  };
}
