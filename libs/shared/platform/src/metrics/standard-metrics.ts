import { JOB_BUCKETS, LATENCY_BUCKETS, metricCounter, metricHistogram } from './registry';

/** The series the platform itself records (HTTP, bus, jobs, caches); names follow Prometheus' conventions. */
export const standardMetrics = {
  httpRequestDuration: metricHistogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP answers by method, route template (`unmatched` for none) and status',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
  }),
  busRequestDuration: metricHistogram({
    name: 'bus_request_duration_seconds',
    help: 'Bus requests sent, by pattern and outcome (ok, error: a domain error, timeout, unavailable)',
    labelNames: ['pattern', 'outcome'],
    buckets: LATENCY_BUCKETS,
  }),
  busHandleDuration: metricHistogram({
    name: 'bus_handle_duration_seconds',
    help: 'Bus messages handled, by kind (request, event), pattern and outcome (ok; error: a domain error answered; fault: an unexpected one; invalid; retried; dead_lettered)',
    labelNames: ['kind', 'pattern', 'outcome'],
    buckets: LATENCY_BUCKETS,
  }),
  busDeadLetters: metricCounter({
    name: 'bus_dead_letters_total',
    help: 'Events this process sent to the dead-letter queue, by pattern and reason (invalid, failed)',
    labelNames: ['pattern', 'reason'],
  }),
  jobDuration: metricHistogram({
    name: 'bullmq_job_duration_seconds',
    help: 'BullMQ jobs processed here, by queue, job name and outcome (completed, failed)',
    labelNames: ['queue', 'job', 'outcome'],
    buckets: JOB_BUCKETS,
  }),
  cacheRequests: metricCounter({
    name: 'cache_requests_total',
    help: 'In-memory cache look-ups by cache and result (hit, miss)',
    labelNames: ['cache', 'result'],
  }),
};
