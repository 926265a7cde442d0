import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { APP_CONFIG } from '@seg/platform';
import { RouteTable } from './auth/route-table';
import type { GatewayConfig } from './config';
import { serveDashboard } from './dashboard/serve-dashboard';
import { setupOpenApi } from './docs/openapi';
import { HttpErrorFilter } from './errors/http-error.filter';
import { sdkCors } from './limits/sdk-cors';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './queues/queue-dashboard';
import { assignRequestId } from './request-id/request-id.middleware';
import { refuseDeepJson } from './validation/json-depth';
import { rejectInvalidUtf8 } from './validation/utf8-body';

/** HTTP set-up shared by main.ts and the tests, so both serve the same API. */
export function configureGateway(app: INestApplication): void {
  const config = app.get<GatewayConfig>(APP_CONFIG);
  // First, so that every later step (logs, errors, bus messages) sees the request id.
  app.use(assignRequestId);
  app.enableCors(sdkCors(app.get(RouteTable)));
  // Replaces Nest's default JSON parser (100 kB); larger bodies answer 413, invalid UTF-8 400.
  (app as NestExpressApplication).useBodyParser('json', {
    limit: config.BODY_LIMIT_BYTES,
    verify: rejectInvalidUtf8,
  });
  app.use(refuseDeepJson);
  app.useGlobalFilters(new HttpErrorFilter());
  setupOpenApi(app);
  // Before the dashboard, whose client-route fallback would answer any other GET.
  const queueDashboard = app.get(QueueDashboard).handler();
  if (queueDashboard) app.use(QUEUE_DASHBOARD_PATH, ...queueDashboard);
  serveDashboard(app, config.DASHBOARD_DIR);
}
