// Body size, malformed bodies, rate limits and CORS through the running system.
import { adminToken, api, createWorkspace, gatewayUrl, TestWorkspace } from './support/api';

describe('gateway: limits', () => {
  let workspace: TestWorkspace;

  beforeAll(async () => {
    workspace = await createWorkspace('Limits');
  });

  it('answers 413 in the error shape for a body over the limit (1 MB)', async () => {
    const response = await api('POST', '/v1/workspaces', {
      key: adminToken(),
      body: { name: 'x'.repeat(1024 * 1024 + 10) },
    });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: 'PayloadTooLarge', message: expect.any(String) });
  });

  it('answers 400 in the error shape for malformed JSON', async () => {
    const response = await api('POST', '/v1/workspaces', {
      key: adminToken(),
      body: '{"name": "Acme",',
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'ValidationError', message: expect.any(String) });
  });

  it('answers 400 naming the path for a body of the wrong type', async () => {
    for (const body of ['[]', '"Acme"', 'null', '{"__proto__": {"name": "x"}}']) {
      const response = await api('POST', '/v1/workspaces', { key: adminToken(), body });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: 'ValidationError' });
    }
  });

  it('limits requests per key: 429 with Retry-After, other keys unaffected', async () => {
    const own = await createWorkspace('Rate limited');
    const first = await api('GET', '/v1/workspaces/current', { key: own.secretKey });
    expect(first.status).toBe(200);
    const limit = Number(first.headers.get('x-ratelimit-limit'));
    expect(limit).toBeGreaterThan(0);

    let limited: Awaited<ReturnType<typeof api>> | undefined;
    for (let sent = 1; sent <= limit && !limited; sent += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, limit + 1 - sent) }, () =>
          api('GET', '/v1/workspaces/current', { key: own.secretKey }),
        ),
      );
      limited = batch.find((response) => response.status === 429);
    }
    limited ??= await api('GET', '/v1/workspaces/current', { key: own.secretKey });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: 'RateLimited', message: expect.any(String) });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);

    // Another key of another workspace still gets through.
    expect((await api('GET', '/v1/workspaces/current', { key: workspace.secretKey })).status).toBe(
      200,
    );
  });

  it('sends no CORS headers on dashboard endpoints', async () => {
    const preflight = await fetch(`${gatewayUrl()}/v1/workspaces/current`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const response = await api('GET', '/v1/workspaces/current', {
      key: workspace.secretKey,
      headers: { origin: 'https://app.example.com' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
