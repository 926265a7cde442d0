// Body size, malformed bodies and rate limits through the running system (CORS: gateway-cors).
import { adminToken, api, createWorkspace } from './support/api';

describe('gateway: limits', () => {
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

  it("limits requests per key: 429 with Retry-After; the same workspace's other key and other workspaces keep their own counts", async () => {
    const own = await createWorkspace('Rate limited');
    const current = (key: string) => api('GET', '/v1/workspaces/current', { key });
    const first = await current(own.secretKey);
    expect(first.status).toBe(200);
    const limit = Number(first.headers.get('x-ratelimit-limit'));
    expect(limit).toBeGreaterThan(0);
    expect(Number(first.headers.get('x-ratelimit-remaining'))).toBe(limit - 1);

    let limited: Awaited<ReturnType<typeof api>> | undefined;
    for (let sent = 1; sent <= limit && !limited; sent += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, limit + 1 - sent) }, () => current(own.secretKey)),
      );
      limited = batch.find((response) => response.status === 429);
    }
    limited ??= await current(own.secretKey);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: 'RateLimited', message: expect.any(String) });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect((await current(own.secretKey)).status).toBe(429);

    // The same workspace's public key has a count of its own, untouched: a counter per
    // workspace (or one for every caller) would show the requests made above.
    const sameWorkspace = await api('GET', '/v1/users/rate-limit-probe/experiences', {
      key: own.publicKey,
    });
    expect(sameWorkspace.status).toBe(200);
    expect(Number(sameWorkspace.headers.get('x-ratelimit-remaining'))).toBe(
      Number(sameWorkspace.headers.get('x-ratelimit-limit')) - 1,
    );
    // Another workspace's secret key too: same limit, full count left.
    const other = await current((await createWorkspace('Not rate limited')).secretKey);
    expect(other.status).toBe(200);
    expect(Number(other.headers.get('x-ratelimit-limit'))).toBe(limit);
    expect(Number(other.headers.get('x-ratelimit-remaining'))).toBe(limit - 1);
  }, 120_000); // ~1,200 requests: well past 30 s on a loaded machine
});
