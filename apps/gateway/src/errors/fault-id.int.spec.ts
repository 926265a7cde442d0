import type { INestApplication, LoggerService } from '@nestjs/common';
import { startTestApp, testConfig } from '@seg/testing';
import { AppModule } from '../app.module';
import { gatewayEnvSchema } from '../config';
import { configureGateway } from '../configure-app';

/** Keeps what the gateway logs at `error`, to find a fault's id beside its stack. */
class ErrorLog implements LoggerService {
  readonly errors: unknown[] = [];
  error(message: unknown): void {
    this.errors.push(message);
  }
  log(): void {}
  warn(): void {}
}

// The gateway alone, on the real FerretDB, Redis and RabbitMQ, in a bus namespace where no
// service answers: every call that needs one ends in a 503 after BUS_REQUEST_TIMEOUT_MS.
describe('gateway faults and request ids', () => {
  const adminToken = 'adm_fault_id_spec_token_0123456789';
  const config = gatewayEnvSchema.parse({
    ...testConfig({ BUS_REQUEST_TIMEOUT_MS: '300' }),
    ADMIN_TOKEN: adminToken,
  });
  const errorLog = new ErrorLog();
  let app: INestApplication;
  let url: string;
  let secretKey: string;

  beforeAll(async () => {
    ({ app, url } = await startTestApp({
      service: 'gateway',
      config,
      module: AppModule.register(config),
      consumeBus: false,
      configure: (gateway) => {
        gateway.useLogger(errorLog);
        configureGateway(gateway);
      },
    }));
    const created = await fetch(`${url}/v1/workspaces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'faults' }),
    });
    expect(created.status).toBe(201);
    ({ secretKey } = (await created.json()) as { secretKey: string });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const listSegments = (headers: Record<string, string> = {}) =>
    fetch(`${url}/v1/segments`, { headers: { authorization: `Bearer ${secretKey}`, ...headers } });

  it('answers a 5xx with an errorId that is logged beside the stack', async () => {
    const response = await listSegments();
    const body = (await response.json()) as { error: string; errorId?: string };
    expect(response.status).toBe(503);
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    const logged = errorLog.errors.find(
      (entry): entry is { errorId: string; err: Error } =>
        typeof entry === 'object' && entry !== null && 'errorId' in entry,
    );
    expect(logged?.errorId).toBe(body.errorId);
    expect(logged?.err.stack).toMatch(
      /^DomainError: The segments service did not answer[^]*\n\s+at /,
    );
  });

  it('echoes an acceptable X-Request-Id and replaces an unacceptable one', async () => {
    const kept = await fetch(`${url}/health`, { headers: { 'x-request-id': 'abc-123.4:5_6' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123.4:5_6');
    const replaced = await fetch(`${url}/health`, {
      headers: { 'x-request-id': `bad id ${'x'.repeat(200)}` },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
