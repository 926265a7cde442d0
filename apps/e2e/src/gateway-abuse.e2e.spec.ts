// Abuse of the whole HTTP surface, route by route, from the gateway's own OpenAPI document
// (so a new route is probed the day it is added): cross-workspace probes with API keys and
// with dashboard sessions, CSRF, roles, and malformed query strings, headers and bodies
// (oversized, deeply nested, invalid UTF-8). Every answer must be a 4xx with `{ error, message }`
// (never a 2xx, never a 5xx), and nothing of either workspace may change. The counts of what
// was sent are printed at the end (#19 "Abuse: report counts").
import { randomBytes } from 'node:crypto';
import { waitFor } from '@seg/testing';
import { api, type ApiResponse } from './support/api';
import { startExtraGateway, type ExtraInstance } from './support/extra-instance';
import { DashboardSession, type Me } from './support/session';

interface Operation {
  'x-session-role'?: 'viewer' | 'editor' | 'admin' | 'signed-in';
  parameters?: Array<{ name: string; in: string }>;
}
interface Route {
  method: string;
  /** OpenAPI form, `/v1/segments/{id}`. */
  path: string;
  role: Operation['x-session-role'];
}

const PASSWORD = 'correct horse battery staple';
const MARK = `abuse-${randomBytes(3).toString('hex')}`;
const EVERYONE = { type: 'group', operator: 'and', conditions: [] };
const counts = new Map<string, Map<number, number>>();

function record(category: string, status: number): void {
  const byStatus = counts.get(category) ?? new Map<number, number>();
  byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  counts.set(category, byStatus);
}

interface Refusal {
  category: string;
  request: string;
  status: number;
  body: unknown;
}
const wrong: Refusal[] = [];
beforeEach(() => {
  wrong.length = 0;
});

/** Records the answer; anything but a 4xx with `{ error, message }` (or `allowed`) is wrong. */
function expectRefused(
  category: string,
  request: string,
  response: ApiResponse,
  allowed: readonly number[] = [400, 401, 403, 404, 405, 409, 413, 415],
): void {
  record(category, response.status);
  const body = response.body as { error?: unknown; message?: unknown };
  const shaped =
    typeof body === 'object' &&
    body !== null &&
    typeof body.error === 'string' &&
    typeof body.message === 'string';
  if (!allowed.includes(response.status) || (response.status >= 400 && !shaped)) {
    wrong.push({ category, request, status: response.status, body: response.body });
  }
}

let gateway: ExtraInstance;
let routes: Route[];
let admin: DashboardSession;
let editor: DashboardSession;
let viewer: DashboardSession;
let workspaceA: string;
let workspaceB: string;
let keysA: { publicKey: string; secretKey: string };
let keysB: { publicKey: string; secretKey: string };
/** B's own things, named by the marker: none may show up in an answer to A. */
const b = { segment: '', experience: '', user: `${MARK}-user`, invite: '' };

const call = <T>(method: string, path: string, key: string, body?: unknown) =>
  api<T>(method, path, { key, body, baseUrl: gateway.url });

async function rotated(session: DashboardSession, kind: 'public' | 'secret'): Promise<string> {
  const response = await session.call<{ key: string }>(
    'POST',
    '/v1/workspaces/current/keys/rotate',
    { body: { kind } },
  );
  if (response.status !== 200) throw new Error(`rotate ${kind}: ${response.status}`);
  return response.body.key;
}

/** What B has, read with B's secret key (and A's, read with A's). */
async function snapshot(key: string, session: DashboardSession, workspaceId: string) {
  const read = async (path: string) => (await call('GET', path, key)).body;
  return {
    segments: await read('/v1/segments'),
    experiences: await read('/v1/experiences'),
    users: await read('/v1/users'),
    integrations: await read('/v1/integrations'),
    workspace: await read('/v1/workspaces/current'),
    invites: (await session.call('GET', '/v1/team/invites', { workspaceId })).body,
    members: (await session.call('GET', '/v1/team/members', { workspaceId })).body,
  };
}

let before: { a: unknown; b: unknown };

beforeAll(async () => {
  const env = JSON.parse(process.env['E2E_SERVICE_ENV'] as string) as Record<string, string>;
  // A gateway with accounts of its own: a fresh install, so this suite creates the first one.
  gateway = await startExtraGateway('gateway-abuse', {
    MONGODB_DB: `${env['MONGODB_DB']}_abuse_${randomBytes(3).toString('hex')}`,
  });
  [admin, editor, viewer] = [1, 2, 3].map(() => new DashboardSession(gateway.url));
  const signedUp = await admin.enter('/v1/auth/signup', {
    email: 'owner@abuse.test',
    password: PASSWORD,
    name: 'Owner',
    workspaceName: 'A',
  });
  expect(signedUp.status).toBe(201);
  workspaceA = signedUp.body.workspaces[0]!.id;
  const createdB = await admin.call<{ id: string }>('POST', '/v1/workspaces', {
    body: { name: `B ${MARK}` },
    workspaceId: null,
  });
  expect(createdB.status).toBe(201);
  workspaceB = createdB.body.id;

  // The editor and the viewer are members of A only.
  for (const [role, session] of [
    ['editor', editor],
    ['viewer', viewer],
  ] as const) {
    const invite = await admin.call<{ token: string }>('POST', '/v1/team/invites', {
      body: { email: `${role}@abuse.test`, role },
    });
    expect(invite.status).toBe(201);
    const joined = await session.enter('/v1/auth/signup', {
      email: `${role}@abuse.test`,
      password: PASSWORD,
      name: role,
      token: invite.body.token,
    });
    expect(joined.status).toBe(201);
  }

  keysA = { publicKey: await rotated(admin, 'public'), secretKey: await rotated(admin, 'secret') };
  admin.workspaceId = workspaceB;
  keysB = { publicKey: await rotated(admin, 'public'), secretKey: await rotated(admin, 'secret') };
  // B's things: a user, a segment, an experience, an open invite.
  const identified = await call('POST', '/v1/identify', keysB.publicKey, {
    userId: b.user,
    traits: { name: `${MARK} person`, plan: MARK },
  });
  expect(identified.status).toBe(202);
  await waitFor(async () => (await call('GET', `/v1/users/${b.user}`, keysB.secretKey)).status, {
    until: (status) => status === 200,
    what: "B's user applied",
  });
  const segment = await call<{ id: string }>('POST', '/v1/segments', keysB.secretKey, {
    name: `${MARK} segment`,
    rules: EVERYONE,
  });
  b.segment = segment.body.id;
  const experience = await call<{ id: string }>('POST', '/v1/experiences', keysB.secretKey, {
    name: `${MARK} experience`,
    type: 'banner',
    steps: [{ id: 's1', kind: 'message' }],
    audience: { mode: 'segments', segmentIds: [b.segment] },
  });
  b.experience = experience.body.id;
  const invite = await admin.call<{ id: string }>('POST', '/v1/team/invites', {
    body: { email: `${MARK}@abuse.test`, role: 'viewer' },
  });
  b.invite = invite.body.id;
  admin.workspaceId = workspaceA;

  const document = (await api('GET', '/docs-json', { baseUrl: gateway.url })).body as {
    paths: Record<string, Record<string, Operation>>;
  };
  routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      role: operation['x-session-role'],
    })),
  );
  before = {
    a: await snapshot(keysA.secretKey, admin, workspaceA),
    b: await snapshot(keysB.secretKey, admin, workspaceB),
  };
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  const lines = [...counts].map(
    ([category, byStatus]) =>
      `${category.padEnd(44)} ${[...byStatus.values()].reduce((a, n) => a + n, 0)} sent: ${[
        ...byStatus,
      ]
        .sort(([x], [y]) => x - y)
        .map(([status, n]) => `${n}×${status}`)
        .join(', ')}`,
  );
  process.stdout.write(`\nAbuse counts\n${lines.join('\n')}\n`);
});

/** A path of the document with B's ids in it, or undefined when the route names none of B's. */
function withIdsOfB(route: Route): string | undefined {
  let named = false;
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const of = (id: string) => {
      named = true;
      return encodeURIComponent(id);
    };
    if (name === 'userId') return of(b.user);
    if (name === 'workspaceId') return of(workspaceB);
    if (name === 'id' && route.path.startsWith('/v1/segments')) return of(b.segment);
    if (name === 'id' && route.path.startsWith('/v1/experiences')) return of(b.experience);
    if (name === 'id' && route.path.startsWith('/v1/team/invites')) return of(b.invite);
    if (name === 'provider') return 'segment';
    return `${MARK}-unknown`;
  });
  return named ? path : undefined;
}

/**
 * A user id names a user of the caller's own workspace: a read may answer for A's namesake
 * (targeting or the history of an unknown user is a 200 with nothing of B), never with B's data.
 */
const allowedFor = (route: Route): number[] | undefined =>
  route.method === 'GET' && route.path.includes('{userId}') ? [200, 400, 401, 403, 404] : undefined;

const bodyFor = (route: Route) =>
  ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;

describe('cross-workspace probes on every route', () => {
  it("answers A's secret key on every route that names B's ids with a 4xx, showing nothing of B", async () => {
    let probed = 0;
    for (const route of routes) {
      const path = withIdsOfB(route);
      if (!path || route.path.startsWith('/v1/auth/')) continue;
      // Valid bodies where a route takes one, so that a refusal is about B, not about the body.
      const body =
        route.method === 'PUT' && route.path.startsWith('/v1/segments')
          ? { name: `${MARK} renamed` }
          : route.method === 'POST' && route.path.endsWith('/tags')
            ? { tags: [MARK] }
            : bodyFor(route);
      const response = await call(route.method, path, keysA.secretKey, body);
      expectRefused('A secret key, B ids', `${route.method} ${path}`, response, allowedFor(route));
      // Users routes may answer for an A user of the same id; never with B's data.
      if (JSON.stringify(response.body).includes(`${MARK} person`)) {
        wrong.push({
          category: 'A secret key, B ids',
          request: `${route.method} ${path}`,
          status: response.status,
          body: "B's data in the answer",
        });
      }
      probed += 1;
    }
    expect(probed).toBeGreaterThan(15);
    expect(wrong).toEqual([]);
  });

  it('answers a session of A on every session route with X-Workspace-Id of B with 403', async () => {
    const session = editor; // a member of A only
    let probed = 0;
    for (const route of routes) {
      if (!['viewer', 'editor', 'admin'].includes(route.role ?? '')) continue;
      const path = route.path.replace(/\{(\w+)\}/g, `${MARK}-x`);
      const response = await session.call(route.method, path, {
        body: bodyFor(route),
        workspaceId: workspaceB,
      });
      expectRefused(
        'session of A, X-Workspace-Id of B',
        `${route.method} ${path}`,
        response,
        [403],
      );
      probed += 1;
    }
    expect(probed).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it("answers B's ids in A's workspace, with the admin's session, with a 4xx", async () => {
    for (const route of routes) {
      const path = withIdsOfB(route);
      if (!path || !['viewer', 'editor', 'admin'].includes(route.role ?? '')) continue;
      const response = await admin.call(route.method, path, {
        body: bodyFor(route),
        workspaceId: workspaceA,
      });
      expectRefused(
        'admin session in A, B ids',
        `${route.method} ${path}`,
        response,
        allowedFor(route),
      );
      // An id echoed in a 404's message is the caller's own input; B's names are B's data.
      const text = JSON.stringify(response.body);
      if (
        [`${MARK} person`, `${MARK} segment`, `${MARK} experience`].some((n) => text.includes(n))
      ) {
        wrong.push({
          category: 'admin session in A, B ids',
          request: `${route.method} ${path}`,
          status: response.status,
          body: "B's data in the answer",
        });
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('session attacks on every route', () => {
  const writes = () =>
    routes.filter(
      (route) =>
        route.method !== 'GET' &&
        ['viewer', 'editor', 'admin', 'signed-in'].includes(route.role ?? ''),
    );

  it('refuses every session write without the CSRF token, or with a wrong one (403)', async () => {
    for (const route of writes()) {
      if (route.path === '/v1/auth/logout') continue; // a logout without the token is refused too, below
      const path = route.path.replace(/\{(\w+)\}/g, `${MARK}-x`);
      for (const csrf of [false, 'x'.repeat(43)] as const) {
        const response = await admin.call(route.method, path, { body: bodyFor(route), csrf });
        expectRefused(
          'session write without CSRF token',
          `${route.method} ${path}`,
          response,
          [403],
        );
      }
    }
    const logout = await admin.call('POST', '/v1/auth/logout', { csrf: false });
    expectRefused('session write without CSRF token', 'POST /v1/auth/logout', logout, [403]);
    expect((await admin.call<Me>('GET', '/v1/auth/me')).status).toBe(200);
    expect(wrong).toEqual([]);
  });

  it('refuses the viewer every editor and admin route, and the editor every admin route (403)', async () => {
    const rank = { viewer: 0, editor: 1, admin: 2 } as const;
    let probed = 0;
    for (const [session, role] of [
      [viewer, 'viewer'],
      [editor, 'editor'],
    ] as const) {
      for (const route of routes) {
        const needed = route.role;
        if (needed !== 'viewer' && needed !== 'editor' && needed !== 'admin') continue;
        if (rank[needed] <= rank[role]) continue;
        const path = route.path.replace(/\{(\w+)\}/g, `${MARK}-x`);
        const response = await session.call(route.method, path, { body: bodyFor(route) });
        expectRefused(
          `${role} on a route for ${needed}s`,
          `${route.method} ${path}`,
          response,
          [403],
        );
        probed += 1;
      }
    }
    expect(probed).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });
});

describe('malformed query strings, headers and bodies', () => {
  const QUERIES = [
    'limit=-1',
    'limit=0',
    'limit=1e9',
    'limit=abc',
    'limit=1&limit=2',
    'limit[]=5',
    'limit[$gt]=1',
    '__proto__[admin]=1',
    'constructor[prototype][admin]=1',
    `cursor=${'A'.repeat(5000)}`,
    'cursor=%00%ff',
    'cursor={"$gt":""}',
    'confirm=maybe',
    '%zz=1',
  ];

  it('answers malformed query strings on every GET (and DELETE) with a 4xx or a normal answer, never a 5xx', async () => {
    for (const route of routes) {
      if (route.method !== 'GET' && route.method !== 'DELETE') continue;
      if (route.path.startsWith('/v1/auth/') || route.path === '/health') continue;
      const path = route.path.replace(/\{(\w+)\}/g, `${MARK}-x`);
      for (const query of QUERIES) {
        const response = await api(route.method, `${path}?${query}`, {
          key: keysA.secretKey,
          baseUrl: gateway.url,
        });
        record('malformed query string', response.status);
        // Unknown parameters may be ignored (a 2xx); a refusal has the error shape; never a 5xx.
        const body = response.body as { error?: unknown };
        if (response.status >= 500 || (response.status >= 400 && typeof body?.error !== 'string')) {
          wrong.push({
            category: 'malformed query string',
            request: `${route.method} ${path}?${query.slice(0, 80)}`,
            status: response.status,
            body: response.body,
          });
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses malformed credentials and headers with a 4xx', async () => {
    const probes: Array<[string, Record<string, string>]> = [
      ['no scheme', { authorization: keysA.secretKey }],
      ['empty bearer', { authorization: 'Bearer ' }],
      ['unknown scheme', { authorization: `Token ${keysA.secretKey}` }],
      ['a long token', { authorization: `Bearer sk_${'x'.repeat(6000)}` }],
      ['two keys', { authorization: `Bearer ${keysA.secretKey}, Bearer ${keysB.secretKey}` }],
      ['garbage Basic', { authorization: 'Basic %%%' }],
    ];
    for (const [name, headers] of probes) {
      const response = await api('GET', '/v1/segments', { headers, baseUrl: gateway.url });
      expectRefused(
        `malformed credentials (${name})`,
        'GET /v1/segments',
        response,
        [400, 401, 431],
      );
    }
    const sessionProbes: Array<[string, Record<string, string>]> = [
      ['garbage cookie', { cookie: `seg_session=${'%'.repeat(50)}` }],
      ['X-Workspace-Id of nothing', { 'x-workspace-id': `ws_${MARK}` }],
    ];
    for (const [name, headers] of sessionProbes) {
      const response = await api('GET', '/v1/segments', { headers, baseUrl: gateway.url });
      expectRefused(`malformed session (${name})`, 'GET /v1/segments', response, [401, 403]);
    }
    // A body that is not JSON, or says it is something else.
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
    ]) {
      const response = await api('POST', '/v1/segments', {
        key: keysA.secretKey,
        body: 'name=x&rules=y',
        headers: { 'content-type': contentType },
        baseUrl: gateway.url,
      });
      expectRefused(
        'body of another content type',
        `POST /v1/segments (${contentType})`,
        response,
        [400, 415],
      );
    }
    expect(wrong).toEqual([]);
  });

  it('refuses oversized, deeply nested and invalid UTF-8 bodies without falling over', async () => {
    const raw = (path: string, body: Buffer | string, key = keysA.secretKey) =>
      fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json().catch(() => null)) as unknown,
        headers: response.headers,
      }));
    const targets: Array<[string, string]> = [
      ['/v1/segments', keysA.secretKey],
      ['/v1/segments/preview', keysA.secretKey],
      ['/v1/experiences', keysA.secretKey],
      ['/v1/identify', keysA.publicKey],
      ['/v1/batch', keysA.publicKey],
    ];
    for (const [path, key] of targets) {
      const huge = JSON.stringify({ name: 'x'.repeat(5 * 1024 * 1024) });
      expectRefused('oversized body (5 MB)', path, await raw(path, huge, key), [413]);
      for (const depth of [1_000, 100_000]) {
        const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
        const nested = `{"name":"x","rules":${deep},"userId":"u","traits":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
        expectRefused(`nested ${depth} levels`, path, await raw(path, nested, key), [400, 413]);
      }
      const invalidUtf8 = Buffer.concat([
        Buffer.from('{"name":"'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from('","userId":"u","rules":{}}'),
      ]);
      expectRefused('invalid UTF-8', path, await raw(path, invalidUtf8, key), [400]);
      expectRefused('truncated JSON', path, await raw(path, '{"name": "x", "rul', key), [400]);
    }
    expect((await api('GET', '/health', { baseUrl: gateway.url })).status).toBe(200);
    expect(wrong).toEqual([]);
  });
});

describe('afterwards', () => {
  it('changed nothing of A or B, and the accounts still work', async () => {
    expect(await snapshot(keysB.secretKey, admin, workspaceB)).toEqual(before.b);
    expect(await snapshot(keysA.secretKey, admin, workspaceA)).toEqual(before.a);
    for (const session of [admin, editor, viewer]) {
      expect((await session.call<Me>('GET', '/v1/auth/me')).status).toBe(200);
    }
    expect(wrong).toEqual([]);
  });
});
