import { Injectable, type INestApplication, type OnApplicationShutdown } from '@nestjs/common';
import { httpMetricsMiddleware } from '../metrics/http-metrics';
import { listenForMetrics, serveMetrics, type MetricsListener } from '../metrics/metrics-http';
import { initProcessMetrics } from '../metrics/registry';
import { startTracing, stopTracing } from '../telemetry/tracing';

let metricsListener: MetricsListener | undefined;

/** Before the app is built: default process metrics, and the tracer provider when tracing is on. */
export function startObservability(name: string): void {
  initProcessMetrics(name);
  startTracing(name);
}

/**
 * HTTP latency for every route of `app`, and `/metrics`: on a listener of its own when
 * `metricsPort` is given (the gateway, whose API port is public), on `app`'s own internal
 * port (beside `/health`) otherwise. Answers the metrics URL.
 */
export async function serveObservability(
  app: INestApplication,
  options: { metricsPort?: number; host: string },
): Promise<string | undefined> {
  app.use(httpMetricsMiddleware);
  if (options.metricsPort === undefined) {
    app.use('/metrics', serveMetrics);
    return undefined;
  }
  metricsListener = await listenForMetrics(options.metricsPort, options.host);
  return metricsListener.url;
}

/** Flushes the spans not exported yet and closes the metrics listener (on shutdown). */
@Injectable()
export class ObservabilityShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    const listener = metricsListener;
    metricsListener = undefined;
    await Promise.all([listener?.close(), stopTracing()]);
  }
}
