// SDK rate limits that fit a real audience, through a gateway of its own with small
// limits: each end user of a public key has a count of their own (a busy user gets 429
// with Retry-After, the others are still answered), under a ceiling for all of the
// workspace's end users together.
import { startExtraGateway, type ExtraInstance } from './support/extra-instance';
import { adminToken, api, createWorkspace, type TestWorkspace } from './support/api';

const PER_USER = 3;
const CEILING = 8;

describe('SDK rate limits per end user, under a workspace ceiling', () => {
  let gateway: ExtraInstance;
  let ws: TestWorkspace;
  let other: TestWorkspace;

  beforeAll(async () => {
    [gateway, ws, other] = await Promise.all([
      startExtraGateway('gateway-sdk-limits', {
        RATE_LIMIT_SDK_PER_USER: String(PER_USER),
        RATE_LIMIT_SDK: String(CEILING),
        RATE_LIMIT_WINDOW_MS: '60000',
      }),
      createWorkspace('sdk limits'),
      createWorkspace('sdk limits, other'),
    ]);
  }, 90_000);

  afterAll(async () => {
    await gateway?.stop();
  });

  const targeting = (workspace: TestWorkspace, userId: string) =>
    api('GET', `/v1/users/${userId}/experiences`, {
      key: workspace.publicKey,
      baseUrl: gateway.url,
    });
  const track = (workspace: TestWorkspace, userId: string) =>
    api('POST', '/v1/track', {
      key: workspace.publicKey,
      baseUrl: gateway.url,
      body: { userId, event: 'Clicked' },
    });

  it('limits one end user without touching the others; then the ceiling holds for all', async () => {
    // One busy user: PER_USER answers, then 429 (targeting and tracking share the count).
    expect((await targeting(ws, 'busy')).status).toBe(200);
    expect((await track(ws, 'busy')).status).toBe(202);
    expect((await targeting(ws, 'busy')).status).toBe(200);
    const refused = await targeting(ws, 'busy');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: 'RateLimited',
      message: expect.stringContaining('for this end user'),
    });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await track(ws, 'busy')).status).toBe(429);

    // Other end users of the same key are answered. The key's ceiling counts every request,
    // refused ones too: 5 so far, 8 after these three.
    expect((await targeting(ws, 'calm-1')).status).toBe(200);
    expect((await track(ws, 'calm-2')).status).toBe(202);
    expect((await targeting(ws, 'calm-3')).status).toBe(200);
    // Past the ceiling (8 for the key), whoever asks.
    const past = await targeting(ws, 'calm-4');
    expect(past.status).toBe(429);
    expect(past.body).toEqual({
      error: 'RateLimited',
      message: expect.not.stringContaining('for this end user'),
    });

    // Another workspace's key has its own counts.
    expect((await targeting(other, 'busy')).status).toBe(200);
  });
  it("honours a workspace's own limits, set by the operator, and restores the defaults", async () => {
    const own = await createWorkspace('sdk limits, own');
    const set = (body: unknown) =>
      api<{ perWindow: number; perUserPerWindow: number; custom: Record<string, boolean> }>(
        'PUT',
        `/v1/workspaces/${own.id}/sdk-limits`,
        { key: adminToken(), baseUrl: gateway.url, body },
      );
    const changed = await set({ perUserPerWindow: 1 });
    expect(changed).toMatchObject({
      status: 200,
      body: {
        perUserPerWindow: 1,
        perWindow: CEILING,
        custom: { perUserPerWindow: true, perWindow: false },
      },
    });
    expect((await targeting(own, 'solo')).status).toBe(200);
    expect((await targeting(own, 'solo')).status).toBe(429);
    // Bad input names what is wrong and changes nothing; a key is not the operator.
    expect((await set({ perUserPerWindow: 0 })).status).toBe(400);
    expect((await set({})).status).toBe(400);
    expect((await set({ $set: { perWindow: 1 } })).status).toBe(400);
    const byKey = await api('PUT', `/v1/workspaces/${own.id}/sdk-limits`, {
      key: own.secretKey,
      baseUrl: gateway.url,
      body: { perWindow: 100 },
    });
    expect(byKey.status).toBe(403);
    // null: back to the gateway's default (PER_USER) for a new end user.
    expect((await set({ perUserPerWindow: null })).body).toMatchObject({
      perUserPerWindow: PER_USER,
      custom: { perUserPerWindow: false },
    });
    for (let i = 0; i < PER_USER; i++) {
      expect((await targeting(own, 'back-to-default')).status).toBe(200);
    }
    expect((await targeting(own, 'back-to-default')).status).toBe(429);
  });
});
