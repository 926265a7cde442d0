// The whole system as separate processes on the real FerretDB, Redis and
// RabbitMQ: the gateway reaches each service over the bus.
const url = process.env['E2E_GATEWAY_URL'] as string;

describe('the running system', () => {
  it('reports every dependency and every service up on GET /health', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'up',
      checks: { mongodb: 'up', redis: 'up', rabbitmq: 'up' },
      services: { users: 'up', segments: 'up', experiences: 'up', integrations: 'up' },
    });
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const response = await fetch(`${url}/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'NotFound',
      message: 'Cannot GET /v1/nothing-here',
    });
  });

  it('serves the OpenAPI document at /docs-json and the UI at /docs', async () => {
    const response = await fetch(`${url}/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain('/health');
    expect((await fetch(`${url}/docs`)).status).toBe(200);
  });
});
