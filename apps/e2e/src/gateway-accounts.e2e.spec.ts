// Accounts, sessions, roles and the team through the running system (api.md "Accounts and
// sessions"). The tests run in order: the first one creates the installation's first account.
// The e2e system is shared by every suite: this is the only suite that creates accounts.
import { api, createWorkspace, TestWorkspace } from './support/api';
import { DashboardSession, Me } from './support/session';

const EVERYONE = { type: 'group', operator: 'and', conditions: [] };
const PASSWORD = 'correct horse battery staple';
const errorBody = (error: string) => ({ error, message: expect.any(String) });

interface CreatedInvite {
  id: string;
  token: string;
  url: string;
  expiresAt: string;
  role: string;
  email: string;
}

describe('gateway: accounts and sessions', () => {
  const admin = new DashboardSession();
  let workspaceId: string;
  const invites: Record<'viewer' | 'editor' | 'spare', CreatedInvite | undefined> = {
    viewer: undefined,
    editor: undefined,
    spare: undefined,
  };
  const viewer = new DashboardSession();
  const editor = new DashboardSession();
  let keyed: TestWorkspace;

  const invite = async (role: string, email: string): Promise<CreatedInvite> => {
    const response = await admin.call<CreatedInvite>('POST', '/v1/team/invites', {
      body: { email, role },
    });
    expect(response.status).toBe(201);
    return response.body;
  };

  beforeAll(async () => {
    keyed = await createWorkspace('Keys only');
  });

  it('needs setup on a fresh install', async () => {
    const state = await api('GET', '/v1/auth/state');
    expect(state).toMatchObject({ status: 200, body: { setupNeeded: true } });
  });

  it('refuses a short password and names the field, creating nothing', async () => {
    const response = await new DashboardSession().enter('/v1/auth/signup', {
      email: 'owner@example.com',
      password: 'short',
      name: 'Owner',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ details: [{ path: 'body.password' }] });
    expect((await api('GET', '/v1/auth/state')).body).toEqual({ setupNeeded: true });
  });

  it('creates the first account as the admin of a new workspace, signed in by an httpOnly cookie', async () => {
    const response = await admin.enter('/v1/auth/signup', {
      email: 'Owner@Example.com',
      password: PASSWORD,
      name: 'Owner',
      workspaceName: 'Acme',
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      account: {
        id: expect.stringMatching(/^acc_/),
        email: 'owner@example.com',
        name: 'Owner',
        createdAt: expect.any(String),
      },
      workspaces: [{ id: expect.stringMatching(/^ws_/), name: 'Acme', role: 'admin' }],
      csrfToken: expect.any(String),
    });
    expect(response.body).not.toHaveProperty('account.passwordHash');
    expect(admin.cookie).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(admin.lastSetCookie).toMatch(/; HttpOnly/);
    expect(admin.lastSetCookie).toMatch(/; SameSite=Lax/);
    // NODE_ENV=test: plain http on 127.0.0.1, so not Secure (unit spec covers production).
    expect(admin.lastSetCookie).not.toMatch(/; Secure/);
    workspaceId = response.body.workspaces[0]?.id ?? '';
  });

  it('needs no setup afterwards, and refuses a second sign-up without an invite', async () => {
    expect((await api('GET', '/v1/auth/state')).body).toEqual({ setupNeeded: false });
    const second = await new DashboardSession().enter('/v1/auth/signup', {
      email: 'intruder@example.com',
      password: PASSWORD,
      name: 'Intruder',
    });
    expect(second.status).toBe(403);
    expect(second.body).toEqual(errorBody('Forbidden'));
    const login = await new DashboardSession().enter('/v1/auth/login', {
      email: 'intruder@example.com',
      password: PASSWORD,
    });
    expect(login.status).toBe(401);
  });

  it('answers me with the account, its workspaces and the CSRF token; 401 without the cookie', async () => {
    const me = await admin.call<Me>('GET', '/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(admin.csrfToken);
    expect(me.body.workspaces).toEqual([{ id: workspaceId, name: 'Acme', role: 'admin' }]);
    expect((await api('GET', '/v1/auth/me')).status).toBe(401);
    const forged = new DashboardSession();
    forged.cookie = 'A'.repeat(43);
    expect((await forged.call('GET', '/v1/auth/me')).status).toBe(401);
  });

  it('needs X-CSRF-Token on a write made with a session: 403 without or wrong, 2xx with', async () => {
    const body = { name: 'Admins', rules: EVERYONE };
    const without = await admin.call('POST', '/v1/segments', { body, csrf: false });
    expect(without.status).toBe(403);
    expect(without.body).toEqual(errorBody('Forbidden'));
    expect((without.body as { message: string }).message).toMatch(/X-CSRF-Token/);
    const wrong = await admin.call('POST', '/v1/segments', { body, csrf: `${admin.csrfToken}x` });
    expect(wrong.status).toBe(403);
    // Nothing was written by the refused calls.
    const listed = await admin.call<{ segments: unknown[] }>('GET', '/v1/segments');
    expect(listed.status).toBe(200);
    expect(listed.body.segments).toEqual([]);
    const created = await admin.call('POST', '/v1/segments', { body });
    expect(created.status).toBe(201);
  });

  it('needs X-Workspace-Id naming a workspace of the account', async () => {
    const missing = await admin.call('GET', '/v1/segments', { workspaceId: null });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ details: [{ path: 'headers.x-workspace-id' }] });
    // A workspace the account is not a member of (made with the admin token): 403, no data.
    const other = await admin.call('GET', '/v1/segments', { workspaceId: keyed.id });
    expect(other.status).toBe(403);
    expect(other.body).toEqual(errorBody('Forbidden'));
    const otherWrite = await admin.call('POST', '/v1/segments', {
      workspaceId: keyed.id,
      body: { name: 'Planted', rules: EVERYONE },
    });
    expect(otherWrite.status).toBe(403);
    const theirs = await api<{ segments: unknown[] }>('GET', '/v1/segments', {
      key: keyed.secretKey,
    });
    expect(theirs.body.segments).toEqual([]);
  });

  it('invites with one-time tokens: the link, the list, 7 days', async () => {
    invites.viewer = await invite('viewer', 'viewer@example.com');
    invites.editor = await invite('editor', 'editor@example.com');
    invites.spare = await invite('editor', 'spare@example.com');
    expect(invites.viewer).toEqual({
      id: expect.stringMatching(/^invt_/),
      email: 'viewer@example.com',
      role: 'viewer',
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      token: expect.stringMatching(/^inv_[A-Za-z0-9]{40}$/),
      url: expect.stringMatching(/\/signup\?token=inv_[A-Za-z0-9]{40}$/),
    });
    const days = (Date.parse(invites.viewer.expiresAt) - Date.now()) / (24 * 60 * 60 * 1000);
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const listed = await admin.call<{ items: Array<Record<string, unknown>> }>(
      'GET',
      '/v1/team/invites',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item['email'])).toEqual([
      'viewer@example.com',
      'editor@example.com',
      'spare@example.com',
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(invites.viewer.token);
  });

  it('signs an invitee up into the workspace with the role of the invite; the token works once', async () => {
    const preview = await api('GET', `/v1/auth/invites/${invites.viewer?.token}`);
    expect(preview).toMatchObject({
      status: 200,
      body: {
        email: 'viewer@example.com',
        role: 'viewer',
        workspace: { id: workspaceId, name: 'Acme' },
      },
    });
    // An email that has an account: 409, and the token is not spent.
    const taken = await new DashboardSession().enter('/v1/auth/signup', {
      email: 'owner@example.com',
      password: PASSWORD,
      name: 'Taken',
      token: invites.viewer?.token,
    });
    expect(taken.status).toBe(409);
    const signup = await viewer.enter('/v1/auth/signup', {
      email: 'viewer@example.com',
      password: PASSWORD,
      name: 'Vera Viewer',
      token: invites.viewer?.token,
    });
    expect(signup.status).toBe(201);
    expect(signup.body.workspaces).toEqual([{ id: workspaceId, name: 'Acme', role: 'viewer' }]);

    const again = await new DashboardSession().enter('/v1/auth/signup', {
      email: 'someone-else@example.com',
      password: PASSWORD,
      name: 'Second use',
      token: invites.viewer?.token,
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ details: [{ path: 'body.token' }] });
    expect((await api('GET', `/v1/auth/invites/${invites.viewer?.token}`)).status).toBe(404);
    expect((await api('GET', '/v1/auth/invites/inv_unknown')).status).toBe(404);
    expect(
      (
        await new DashboardSession().enter('/v1/auth/login', {
          email: 'someone-else@example.com',
          password: PASSWORD,
        })
      ).status,
    ).toBe(401);

    const editorSignup = await editor.enter('/v1/auth/signup', {
      email: 'editor@example.com',
      password: PASSWORD,
      name: 'Eddie Editor',
      token: invites.editor?.token,
    });
    expect(editorSignup.status).toBe(201);
    expect(editorSignup.body.workspaces[0]?.role).toBe('editor');
  });

  it('lets a viewer read but not write', async () => {
    const segments = await viewer.call<{ segments: Array<{ name: string }> }>(
      'GET',
      '/v1/segments',
    );
    expect(segments.status).toBe(200);
    expect(segments.body.segments.map((segment) => segment.name)).toEqual(['Admins']);
    expect(
      (await viewer.call('POST', '/v1/segments/preview', { body: { rules: EVERYONE } })).status,
    ).toBe(200);
    const create = await viewer.call('POST', '/v1/segments', {
      body: { name: 'By viewer', rules: EVERYONE },
    });
    expect(create.status).toBe(403);
    expect(create.body).toEqual(errorBody('Forbidden'));
    expect((await viewer.call('GET', '/v1/workspaces/current/keys')).status).toBe(403);
    expect((await viewer.call('GET', '/v1/team/members')).status).toBe(200);
    expect(
      (
        await viewer.call('POST', '/v1/team/invites', {
          body: { email: 'x@example.com', role: 'admin' },
        })
      ).status,
    ).toBe(403);
  });

  it('lets an editor change segments but not rotate keys or invite', async () => {
    const create = await editor.call('POST', '/v1/segments', {
      body: { name: 'By editor', rules: EVERYONE },
    });
    expect(create.status).toBe(201);
    const rotate = await editor.call('POST', '/v1/workspaces/current/keys/rotate', {
      body: { kind: 'secret' },
    });
    expect(rotate.status).toBe(403);
    expect(
      (
        await editor.call('PUT', '/v1/integrations/segment', {
          body: { sharedSecret: 'abcdefghijkl' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await editor.call('POST', '/v1/team/invites', {
          body: { email: 'x@example.com', role: 'viewer' },
        })
      ).status,
    ).toBe(403);
  });

  it('lets the admin list the keys (secret masked) and rotate them (shown once)', async () => {
    const keys = await admin.call<{ publicKey: string; secretKeyMasked: string }>(
      'GET',
      '/v1/workspaces/current/keys',
    );
    expect(keys.status).toBe(200);
    expect(keys.body).toEqual({
      publicKey: expect.stringMatching(/^pk_[A-Za-z0-9]{32}$/),
      secretKeyMasked: expect.stringMatching(/^sk_…[A-Za-z0-9]{4}$/),
      keysRotatedAt: null,
    });
    const rotated = await admin.call<{ kind: string; key: string }>(
      'POST',
      '/v1/workspaces/current/keys/rotate',
      { body: { kind: 'secret' } },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.key).toMatch(/^sk_/);
    // The new secret key works as a key, for the same workspace.
    const current = await api<{ id: string }>('GET', '/v1/workspaces/current', {
      key: rotated.body.key,
    });
    expect(current.body.id).toBe(workspaceId);
    const after = await admin.call<{ secretKeyMasked: string; keysRotatedAt: string }>(
      'GET',
      '/v1/workspaces/current/keys',
    );
    expect(after.body.secretKeyMasked).toBe(`sk_…${rotated.body.key.slice(-4)}`);
    expect(after.body.keysRotatedAt).toEqual(expect.any(String));
  });

  it('keeps API keys working exactly as before, whatever cookie comes along', async () => {
    const byKey = await api('GET', '/v1/segments', { key: keyed.secretKey });
    expect(byKey.status).toBe(200);
    // A key wins over a cookie: the admin's session cannot lend its rights to a public key.
    const publicWithCookie = await api('GET', '/v1/segments', {
      key: keyed.publicKey,
      headers: { cookie: `seg_session=${admin.cookie}`, 'x-workspace-id': workspaceId },
    });
    expect(publicWithCookie.status).toBe(403);
    // Session-only routes refuse keys; SDK routes refuse sessions.
    expect((await api('GET', '/v1/team/members', { key: keyed.secretKey })).status).toBe(403);
    expect((await api('GET', '/v1/auth/me', { key: keyed.secretKey })).status).toBe(403);
    const sdkBySession = await admin.call('POST', '/v1/track', {
      body: { userId: 'u1', event: 'clicked' },
    });
    expect(sdkBySession.status).toBe(403);
  });

  it('creates a workspace with a session: the account is its admin', async () => {
    const created = await admin.call<{ id: string; name: string }>('POST', '/v1/workspaces', {
      body: { name: 'Second' },
      workspaceId: null,
    });
    expect(created.status).toBe(201);
    const me = await admin.call<Me>('GET', '/v1/auth/me');
    expect(me.body.workspaces).toEqual([
      { id: workspaceId, name: 'Acme', role: 'admin' },
      { id: created.body.id, name: 'Second', role: 'admin' },
    ]);
    const members = await admin.call<{ items: Array<{ email: string; role: string }> }>(
      'GET',
      '/v1/team/members',
      { workspaceId: created.body.id },
    );
    expect(members.body.items.map(({ email, role }) => `${email} ${role}`)).toEqual([
      'owner@example.com admin',
    ]);
    // Without the CSRF token: refused, nothing created.
    const refused = await admin.call('POST', '/v1/workspaces', {
      body: { name: 'Third' },
      csrf: false,
    });
    expect(refused.status).toBe(403);
    expect((await admin.call<Me>('GET', '/v1/auth/me')).body.workspaces).toHaveLength(2);
  });

  it('manages the team: roles, the last admin kept (409), removal and revocation', async () => {
    const members = await admin.call<{
      items: Array<{ accountId: string; email: string; role: string }>;
    }>('GET', '/v1/team/members');
    expect(members.body.items.map(({ email, role }) => `${email} ${role}`)).toEqual([
      'owner@example.com admin',
      'viewer@example.com viewer',
      'editor@example.com editor',
    ]);
    const id = (email: string) =>
      members.body.items.find((member) => member.email === email)?.accountId ?? '';
    const owner = id('owner@example.com');
    expect(
      (await admin.call('PUT', `/v1/team/members/${owner}`, { body: { role: 'editor' } })).status,
    ).toBe(409);
    expect((await admin.call('DELETE', `/v1/team/members/${owner}`)).status).toBe(409);

    const promoted = await admin.call('PUT', `/v1/team/members/${id('viewer@example.com')}`, {
      body: { role: 'editor' },
    });
    expect(promoted).toMatchObject({ status: 200, body: { role: 'editor' } });
    // The new role applies to the member's session at once.
    const now = await viewer.call('POST', '/v1/segments', {
      body: { name: 'By promoted viewer', rules: EVERYONE },
    });
    expect(now.status).toBe(201);

    const removed = await admin.call('DELETE', `/v1/team/members/${id('editor@example.com')}`);
    expect(removed).toMatchObject({ status: 200, body: { removed: true } });
    expect((await editor.call('GET', '/v1/segments')).status).toBe(403);
    expect((await editor.call<Me>('GET', '/v1/auth/me')).body.workspaces).toEqual([]);

    const revoked = await admin.call('DELETE', `/v1/team/invites/${invites.spare?.id}`);
    expect(revoked).toMatchObject({ status: 200, body: { revoked: true } });
    const spare = await new DashboardSession().enter('/v1/auth/signup', {
      email: 'spare@example.com',
      password: PASSWORD,
      name: 'Spare',
      token: invites.spare?.token,
    });
    expect(spare.status).toBe(400);
    // A used invite cannot be revoked any more.
    expect((await admin.call('DELETE', `/v1/team/invites/${invites.viewer?.id}`)).status).toBe(409);
    expect((await admin.call<{ items: unknown[] }>('GET', '/v1/team/invites')).body.items).toEqual(
      [],
    );
  });

  it('lets an existing account join with an invite token at sign-in', async () => {
    const rejoin = await invite('viewer', 'editor@example.com');
    const session = new DashboardSession();
    const login = await session.enter('/v1/auth/login', {
      email: 'editor@example.com',
      password: PASSWORD,
      token: rejoin.token,
    });
    expect(login.status).toBe(200);
    expect(login.body.workspaces).toEqual([{ id: workspaceId, name: 'Acme', role: 'viewer' }]);
  });

  it('limits wrong passwords per account: 429 with Retry-After, even for the right one', async () => {
    const attempt = (password: string) =>
      new DashboardSession().enter('/v1/auth/login', { email: 'editor@example.com', password });
    for (let i = 0; i < 5; i += 1) {
      const wrong = await attempt(`wrong password ${i}`);
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual(errorBody('Unauthorized'));
    }
    const limited = await attempt('wrong password again');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'RateLimited' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect((await attempt(PASSWORD)).status).toBe(429);
    // Another account from the same address is not limited by this one's count.
    const other = await new DashboardSession().enter('/v1/auth/login', {
      email: 'viewer@example.com',
      password: PASSWORD,
    });
    expect(other.status).toBe(200);
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const unknown = await new DashboardSession().enter('/v1/auth/login', {
      email: 'nobody@example.com',
      password: PASSWORD,
    });
    const wrong = await new DashboardSession().enter('/v1/auth/login', {
      email: 'owner@example.com',
      password: 'not the password',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('ends the session server-side on logout: the replayed cookie answers 401', async () => {
    const session = new DashboardSession();
    expect(
      (await session.enter('/v1/auth/login', { email: 'owner@example.com', password: PASSWORD }))
        .status,
    ).toBe(200);
    const cookie = session.cookie;
    expect((await session.call('GET', '/v1/segments')).status).toBe(200);
    const withoutCsrf = await session.call('POST', '/v1/auth/logout', { csrf: false });
    expect(withoutCsrf.status).toBe(403);
    const out = await session.call('POST', '/v1/auth/logout');
    expect(out).toMatchObject({ status: 200, body: { signedOut: true } });
    expect(session.cookie).toBeUndefined();

    const replay = new DashboardSession();
    replay.cookie = cookie;
    replay.csrfToken = session.csrfToken;
    replay.workspaceId = workspaceId;
    expect((await replay.call('GET', '/v1/auth/me')).status).toBe(401);
    expect((await replay.call('GET', '/v1/segments')).status).toBe(401);
    // The other sessions of the account live on.
    expect((await admin.call('GET', '/v1/auth/me')).status).toBe(200);
  });

  it('lets the admin rename the workspace (Settings → Workspace), and nobody else', async () => {
    const renamed = await admin.call('PUT', '/v1/workspaces/current', {
      body: { name: 'Acme Inc' },
    });
    expect(renamed).toMatchObject({ status: 200, body: { id: workspaceId, name: 'Acme Inc' } });
    expect((await admin.call<Me>('GET', '/v1/auth/me')).body.workspaces[0]?.name).toBe('Acme Inc');
    // The promoted viewer is an editor now: still not enough.
    const byEditor = await viewer.call('PUT', '/v1/workspaces/current', { body: { name: 'Mine' } });
    expect(byEditor.status).toBe(403);
    const byKey = await api('PUT', '/v1/workspaces/current', {
      key: keyed.secretKey,
      body: { name: 'Keys only, renamed' },
    });
    expect(byKey).toMatchObject({
      status: 200,
      body: { id: keyed.id, name: 'Keys only, renamed' },
    });
  });
});

describe('gateway: accounts and sessions in the OpenAPI document', () => {
  interface Operation {
    'x-session-role'?: string;
    parameters?: Array<{ name: string; in: string }>;
    security?: Array<Record<string, string[]>>;
    responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  }
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    const document = (await (
      await api('GET', '/docs-json')
    ).body) as {
      paths: Record<string, Record<string, Operation>>;
    };
    paths = document.paths;
  });

  it('documents the session rule of each route, the method-level one winning', () => {
    expect(paths['/v1/segments']?.['get']?.['x-session-role']).toBe('viewer');
    expect(paths['/v1/segments']?.['post']?.['x-session-role']).toBe('editor');
    expect(paths['/v1/team/members']?.['get']?.['x-session-role']).toBe('viewer');
    expect(paths['/v1/team/invites']?.['post']?.['x-session-role']).toBe('admin');
    expect(paths['/v1/track']?.['post']?.['x-session-role']).toBeUndefined();
    expect(paths['/v1/auth/me']?.['get']?.security).toEqual([{ session: [] }]);
  });

  it('names X-Workspace-Id once per operation that takes it', () => {
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const headers = (operation.parameters ?? []).filter(
          (parameter) => parameter.in === 'header' && parameter.name === 'X-Workspace-Id',
        );
        const expected = ['viewer', 'editor', 'admin'].includes(operation['x-session-role'] ?? '')
          ? 1
          : 0;
        expect({ route: `${method} ${path}`, headers: headers.length }).toEqual({
          route: `${method} ${path}`,
          headers: expected,
        });
      }
    }
  });

  it('describes the answers with the shared shapes', () => {
    const me = paths['/v1/auth/me']?.['get']?.responses?.['200']?.content?.['application/json'];
    expect(JSON.stringify(me?.schema)).toContain('csrfToken');
    const invite =
      paths['/v1/team/invites']?.['post']?.responses?.['201']?.content?.['application/json'];
    expect(JSON.stringify(invite?.schema)).toContain('expiresAt');
  });
});
