import type { NextFunction, Request, Response } from 'express';
import { standardMetrics } from './standard-metrics';

/**
 * Records every HTTP answer's latency under its route template (`/v1/users/:userId`), never
 * the raw path: a path holds ids, and one series per id would swamp Prometheus.
 */
export function httpMetricsMiddleware(request: Request, response: Response, next: NextFunction) {
  const startedAt = performance.now();
  response.once('finish', () => {
    standardMetrics.httpRequestDuration.observe(
      { method: request.method, route: routeOf(request), status: String(response.statusCode) },
      (performance.now() - startedAt) / 1000,
    );
  });
  next();
}

export function routeOf(request: Request): string {
  const route: unknown = request.route;
  if (typeof route === 'object' && route !== null && 'path' in route) {
    const path = (route as { path: unknown }).path;
    if (typeof path === 'string') return `${request.baseUrl}${path}`;
  }
  return 'unmatched';
}
