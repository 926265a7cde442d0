import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

/**
 * The process's one Prometheus registry, served at `/metrics`. Every series carries
 * `service` (the process's name: `users`, `integrations-worker`, …) as a default label.
 */
export const metricsRegistry = new Registry();

let processMetricsFor: string | undefined;

/** Default Node process metrics (CPU, memory, event-loop lag, GC) and the `service` label; once per process. */
export function initProcessMetrics(service: string): void {
  if (processMetricsFor !== undefined) return;
  processMetricsFor = service;
  metricsRegistry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metricsRegistry });
}

function existing<T>(name: string, kind: new (...args: never[]) => T): T | undefined {
  const metric = metricsRegistry.getSingleMetric(name);
  if (metric === undefined) return undefined;
  if (!(metric instanceof kind)) throw new Error(`Metric ${name} is registered as another type`);
  return metric;
}

/**
 * Registry API for services: a counter, gauge or histogram by name, made once and shared
 * (asking twice for one name answers the same metric, so modules booted twice in a test
 * process do not collide). A gauge may compute its value at scrape time with `collect`.
 */
export function metricCounter<L extends string>(
  config: Omit<CounterConfiguration<L>, 'registers'>,
): Counter<L> {
  return (
    existing(config.name, Counter<L>) ?? new Counter<L>({ ...config, registers: [metricsRegistry] })
  );
}

export function metricGauge<L extends string>(
  config: Omit<GaugeConfiguration<L>, 'registers'>,
): Gauge<L> {
  return (
    existing(config.name, Gauge<L>) ?? new Gauge<L>({ ...config, registers: [metricsRegistry] })
  );
}

export function metricHistogram<L extends string>(
  config: Omit<HistogramConfiguration<L>, 'registers'>,
): Histogram<L> {
  return (
    existing(config.name, Histogram<L>) ??
    new Histogram<L>({ ...config, registers: [metricsRegistry] })
  );
}

/** Latency buckets in seconds, 1 ms to 30 s: bus calls and HTTP answers. */
export const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];

/** Job durations in seconds, 10 ms to 30 min. */
export const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800];

/** The `/metrics` answer: Prometheus's text format. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  await runScrapeHooks();
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}

type ScrapeHook = () => Promise<void>;
const scrapeHooks = new Set<ScrapeHook>();

/**
 * Runs `hook` before each scrape (e.g. reading a queue's depth into a gauge); returns the
 * function that removes it. A hook that fails leaves its gauges as they were.
 */
export function onMetricsScrape(hook: ScrapeHook): () => void {
  scrapeHooks.add(hook);
  return () => scrapeHooks.delete(hook);
}

async function runScrapeHooks(): Promise<void> {
  await Promise.all([...scrapeHooks].map((hook) => hook().catch(() => undefined)));
}
