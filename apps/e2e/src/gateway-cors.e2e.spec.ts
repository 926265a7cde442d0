// CORS through the running gateway: the SDK routes (called from browsers on any site)
// answer preflights and real requests for any origin; every other route grants nothing.
import { api, createWorkspace, gatewayUrl, TestWorkspace } from './support/api';

const ORIGIN = 'https://customer-site.example';

/** The SDK routes, as a browser calls them (method, path). */
const SDK_ROUTES: Array<[string, string]> = [
  ['POST', '/v1/identify'],
  ['POST', '/v1/track'],
  ['POST', '/v1/page'],
  ['POST', '/v1/batch'],
  ['POST', '/v1/interactions'],
  ['GET', '/v1/users/u-cors/experiences'],
];

/** Routes of the dashboard API and the Segment.io webhook: no CORS. */
const OTHER_ROUTES: Array<[string, string]> = [
  ['GET', '/v1/workspaces/current'],
  ['GET', '/v1/users/u-cors'],
  ['POST', '/v1/segments'],
  ['PUT', '/v1/integrations/segment'],
  ['POST', '/v1/integrations/segment/webhook/ws_corscheck0001'],
  // An SDK path with a method it does not serve to browsers.
  ['DELETE', '/v1/users/u-cors/experiences'],
  ['GET', '/v1/track'],
];

const preflight = (method: string, path: string) =>
  fetch(`${gatewayUrl()}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin: ORIGIN,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization,content-type',
    },
  });

const listed = (value: string | null) =>
  (value ?? '').split(',').map((item) => item.trim().toLowerCase());

describe('gateway: CORS', () => {
  let workspace: TestWorkspace;

  beforeAll(async () => {
    workspace = await createWorkspace('CORS');
  });

  it.each(SDK_ROUTES)('answers the preflight of %s %s for any origin', async (method, path) => {
    const response = await preflight(method, path);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(listed(response.headers.get('access-control-allow-methods'))).toContain(
      method.toLowerCase(),
    );
    expect(listed(response.headers.get('access-control-allow-headers'))).toEqual(
      expect.arrayContaining(['authorization', 'content-type']),
    );
    expect(response.headers.get('access-control-max-age')).toBe('86400');
  });

  it('lets a browser read an SDK answer and its rate-limit headers', async () => {
    const tracked = await api('POST', '/v1/track', {
      key: workspace.publicKey,
      headers: { origin: ORIGIN },
      body: { userId: 'u-cors', event: 'CORS checked', messageId: 'cors-1' },
    });
    expect(tracked.status).toBe(202);
    expect(tracked.headers.get('access-control-allow-origin')).toBe('*');
    expect(listed(tracked.headers.get('access-control-expose-headers'))).toEqual(
      expect.arrayContaining([
        'retry-after',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
      ]),
    );

    const targeted = await api('GET', '/v1/users/u-cors/experiences', {
      key: workspace.publicKey,
      headers: { origin: ORIGIN },
    });
    expect(targeted.status).toBe(200);
    expect(targeted.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('lets a browser read an SDK error too (a wrong key: 401)', async () => {
    const refused = await api('POST', '/v1/track', {
      key: 'pk_wrongwrongwrongwrongwrongwrong',
      headers: { origin: ORIGIN },
      body: { userId: 'u-cors', event: 'CORS checked' },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });

  it.each(OTHER_ROUTES)('grants no CORS on %s %s', async (method, path) => {
    const response = await preflight(method, path);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('sends no CORS headers on a real dashboard request with an Origin', async () => {
    const response = await api('GET', '/v1/workspaces/current', {
      key: workspace.secretKey,
      headers: { origin: ORIGIN },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toBeNull();
  });
});
