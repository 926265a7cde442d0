import type {
  CorsOptions,
  CorsOptionsDelegate,
} from '@nestjs/common/interfaces/external/cors-options.interface';
import type { Request } from 'express';
import type { RouteTable } from '../auth/route-table';

const SDK_CORS: CorsOptions = {
  origin: '*',
  methods: ['GET', 'POST', 'OPTIONS'],
  allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'If-None-Match'],
  exposedHeaders: [
    'X-Request-Id',
    'ETag',
    'X-Cache',
    'Retry-After',
    'X-RateLimit-Limit',
    'X-RateLimit-Remaining',
    'X-RateLimit-Reset',
    'X-RateLimit-Limit-endUser',
    'X-RateLimit-Remaining-endUser',
    'X-RateLimit-Reset-endUser',
  ],
  maxAge: 86_400,
};

/** CORS open (any origin) for the SDK routes only; the dashboard API sends no CORS headers. */
export function sdkCors(routes: Pick<RouteTable, 'isSdkRoute'>): CorsOptionsDelegate<Request> {
  return (request, callback) => {
    const preflightMethod =
      request.method === 'OPTIONS' ? request.header('access-control-request-method') : undefined;
    const method = request.method === 'OPTIONS' ? preflightMethod : request.method;
    const open = method !== undefined && routes.isSdkRoute(request.path, method);
    callback(null, open ? SDK_CORS : { origin: false });
  };
}
