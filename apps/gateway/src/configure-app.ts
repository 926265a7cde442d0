import type { INestApplication } from '@nestjs/common';
import { setupOpenApi } from './docs/openapi';
import { HttpErrorFilter } from './errors/http-error.filter';

/** HTTP set-up shared by main.ts and the tests, so both serve the same API. */
export function configureGateway(app: INestApplication): void {
  app.useGlobalFilters(new HttpErrorFilter());
  setupOpenApi(app);
}
