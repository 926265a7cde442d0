// Key rotation with two gateway instances: the old key stops working on every
// instance at once (the `workspace.key.rotated` broadcast), not only on the one
// that rotated it, while the other instance had the key in its cache
// (AUTH_CACHE_TTL_MS, 30 s, would otherwise keep it accepted).
import { waitFor } from '@seg/testing';
import { startExtraGateway, type ExtraInstance } from './support/extra-instance';
import { api, createWorkspace, gatewayUrl, type TestWorkspace } from './support/api';

describe('key rotation across two gateways', () => {
  let second: ExtraInstance;
  let ws: TestWorkspace;

  beforeAll(async () => {
    [second, ws] = await Promise.all([startExtraGateway(), createWorkspace('two gateways')]);
  }, 90_000);

  afterAll(async () => {
    await second?.stop();
  });

  const status = async (baseUrl: string, path: string, key: string) =>
    (await api('GET', path, { key, baseUrl })).status;

  it.each([
    ['secret', '/v1/segments'],
    ['public', '/v1/users/rotation-user/experiences'],
  ] as const)('a rotated %s key is refused by the other gateway too', async (kind, path) => {
    const oldKey = kind === 'secret' ? ws.secretKey : ws.publicKey;
    // Both instances have resolved (and cached) the old key.
    for (const baseUrl of [gatewayUrl(), second.url]) {
      expect({ baseUrl, status: await status(baseUrl, path, oldKey) }).toEqual({
        baseUrl,
        status: 200,
      });
    }
    const rotated = await api<{ key: string }>('POST', '/v1/workspaces/current/keys/rotate', {
      key: ws.secretKey,
      body: { kind },
    });
    expect(rotated.status).toBe(200);
    const newKey = rotated.body.key;
    if (kind === 'secret') ws = { ...ws, secretKey: newKey };
    else ws = { ...ws, publicKey: newKey };

    // The rotating instance forgets at once; the other within the broadcast's delivery,
    // far below the cache's 30 s.
    expect(await status(gatewayUrl(), path, oldKey)).toBe(401);
    await waitFor(() => status(second.url, path, oldKey), {
      until: (code) => code === 401,
      timeoutMs: 3_000,
      what: `the old ${kind} key refused by the second gateway`,
    });
    for (const baseUrl of [gatewayUrl(), second.url]) {
      expect({ baseUrl, status: await status(baseUrl, path, newKey) }).toEqual({
        baseUrl,
        status: 200,
      });
    }
  });
});
