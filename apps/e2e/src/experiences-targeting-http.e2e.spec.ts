// The targeting answer over HTTP as the SDK uses it: conditional requests (ETag,
// If-None-Match → 304, Cache-Control), CORS for them, and load shedding past
// saturation (503 with Retry-After at once, back to normal as soon as the load drops).
import { startExtraGateway, type ExtraInstance } from './support/extra-instance';
import { api, createWorkspace, gatewayUrl, type TestWorkspace } from './support/api';

const steps = [{ id: 's1', kind: 'message' }];

describe('targeting: conditional requests', () => {
  let ws: TestWorkspace;
  const path = '/v1/users/etag-user/experiences';
  const ask = (headers: Record<string, string> = {}) =>
    api('GET', path, { key: ws.publicKey, headers });

  async function publishForAll(name: string): Promise<string> {
    const created = await api<{ id: string }>('POST', '/v1/experiences', {
      key: ws.secretKey,
      body: { name, type: 'banner', steps, audience: { mode: 'all' } },
    });
    expect(created.status).toBe(201);
    expect(
      (await api('POST', `/v1/experiences/${created.body.id}/publish`, { key: ws.secretKey }))
        .status,
    ).toBe(200);
    return created.body.id;
  }

  beforeAll(async () => {
    ws = await createWorkspace('targeting http');
    await publishForAll('first');
  });

  it('tags the answer and says how it may be kept', async () => {
    const response = await ask();
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    expect(response.headers.get('vary')?.toLowerCase()).toContain('authorization');
  });

  it('answers 304 without a body for the same tag, 200 with a new tag once the answer changes', async () => {
    const first = await ask();
    const etag = first.headers.get('etag') as string;
    const again = await ask({ 'if-none-match': etag });
    expect({ status: again.status, body: again.body }).toEqual({ status: 304, body: '' });
    expect(again.headers.get('etag')).toBe(etag);

    const second = await publishForAll('second');
    const changed = await ask({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(
      (changed.body as { experiences: Array<{ id: string }> }).experiences.map((e) => e.id),
    ).toContain(second);
  });

  it('another key (workspace) never gets a 304 for this tag', async () => {
    const etag = (await ask()).headers.get('etag') as string;
    const other = await createWorkspace('targeting http, other');
    const response = await api('GET', path, {
      key: other.publicKey,
      headers: { 'if-none-match': etag },
    });
    expect(response.status).toBe(200);
  });

  it('lets browsers send If-None-Match and read ETag (CORS)', async () => {
    const preflight = await fetch(`${gatewayUrl()}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://customer-site.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization,if-none-match',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'if-none-match',
    );
    const response = await api('GET', path, {
      key: ws.publicKey,
      headers: { origin: 'https://customer-site.example' },
    });
    expect(response.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('etag');
  });
});

describe('targeting: load shedding', () => {
  let small: ExtraInstance;
  let ws: TestWorkspace;

  beforeAll(async () => {
    // A gateway that lets only 2 targeting requests wait for the experiences service.
    [small, ws] = await Promise.all([
      startExtraGateway('gateway-shedding', { SHED_MAX_IN_FLIGHT: '2', SHED_RETRY_AFTER_S: '3' }),
      createWorkspace('shedding'),
    ]);
  }, 90_000);

  afterAll(async () => {
    await small?.stop();
  });

  const cold = (index: number) =>
    api('GET', `/v1/users/shed-${index}-${Date.now()}/experiences`, {
      key: ws.publicKey,
      baseUrl: small.url,
    });

  it('refuses what it cannot answer soon with 503 and Retry-After, and recovers at once', async () => {
    // 60 users never seen (no cached answers) at the same instant.
    const answers = await Promise.all(Array.from({ length: 60 }, (_, index) => cold(index)));
    const byStatus = new Map<number, number>();
    for (const answer of answers)
      byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
    expect([...byStatus.keys()].sort()).toEqual([200, 503]);
    const shed = answers.find((answer) => answer.status === 503);
    expect(shed?.headers.get('retry-after')).toBe('3');
    expect(shed?.body).toEqual({
      error: 'ServiceUnavailable',
      message: expect.stringContaining('retry after 3 s'),
    });

    // The load is gone: the next requests are answered, one after the other.
    for (let index = 100; index < 105; index++) {
      expect((await cold(index)).status).toBe(200);
    }
  });
});
