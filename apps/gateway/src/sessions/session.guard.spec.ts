import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@seg/contracts';
import type { Role } from '@seg/http-shapes';
import type { AccountRepository, Membership } from '../accounts/account.repository';
import type { AuthenticatedRequest } from '../auth/auth-context';
import { AUTH_POLICY, AuthPolicy, SESSION_RULE, SessionRule } from '../auth/auth.decorators';
import type { GatewayConfig } from '../config';
import { SessionGuard } from './session.guard';
import type { Session, SessionStore } from './session.store';

// The guard's decisions, with the store and the memberships played by the test (the real
// ones run in apps/e2e gateway-accounts).
const TOKEN = 'T'.repeat(43);
const CSRF = 'C'.repeat(32);
const WS = 'ws_abcdefgh12';
const session: Session = {
  id: 'h',
  accountId: 'acc_12345678',
  csrfToken: CSRF,
  createdAt: 0,
  absoluteExpiresAt: Number.MAX_SAFE_INTEGER,
};
let roles: Record<string, Role> = {};
const sessions = { touch: async (token: string) => (token === TOKEN ? session : null) };
const accounts = {
  findMembership: async (workspaceId: string, accountId: string): Promise<Membership | null> => {
    const role = roles[workspaceId];
    return role ? { workspaceId, accountId, role, createdAt: new Date() } : null;
  },
};
const guard = new SessionGuard(
  new Reflector(),
  sessions as unknown as SessionStore,
  accounts as unknown as AccountRepository,
  { NODE_ENV: 'test' } as GatewayConfig,
);

interface Call {
  policy: AuthPolicy;
  rule?: SessionRule;
  method?: string;
  headers?: Record<string, string>;
}

/** Runs the guard; answers request.auth, or the error's code and the cookie it cleared. */
async function run({ policy, rule, method = 'GET', headers = {} }: Call) {
  const handler = () => undefined;
  Reflect.defineMetadata(AUTH_POLICY, policy, handler);
  if (rule) Reflect.defineMetadata(SESSION_RULE, rule, handler);
  const request = { method, headers } as unknown as AuthenticatedRequest;
  const cleared: string[] = [];
  const response = { clearCookie: (name: string) => cleared.push(name) };
  const context = {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => class Route {},
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
  try {
    await guard.canActivate(context);
    return request.auth ?? 'left to the AuthGuard';
  } catch (error) {
    if (error instanceof DomainError)
      return `${error.code}${cleared.length ? ' (cookie cleared)' : ''}`;
    throw error;
  }
}

const cookie = { cookie: `seg_session=${TOKEN}` };

describe('SessionGuard', () => {
  beforeEach(() => {
    roles = { [WS]: 'editor' };
  });

  it('leaves keys, requests without the cookie and open routes to the AuthGuard', async () => {
    const withKey = { ...cookie, authorization: 'Bearer sk_x' };
    expect(await run({ policy: 'secret', rule: 'viewer', headers: withKey })).toBe(
      'left to the AuthGuard',
    );
    expect(await run({ policy: 'secret', rule: 'viewer' })).toBe('left to the AuthGuard');
    expect(await run({ policy: 'none', headers: cookie })).toBe('left to the AuthGuard');
  });

  it('refuses a session on a route without a session rule', async () => {
    expect(await run({ policy: 'sdk', headers: cookie })).toBe('FORBIDDEN');
    expect(await run({ policy: 'secret', headers: cookie })).toBe('FORBIDDEN');
  });

  it('answers 401 for an unknown or ended session, clearing the cookie', async () => {
    const stale = { cookie: `seg_session=${'X'.repeat(43)}`, 'x-workspace-id': WS };
    expect(await run({ policy: 'secret', rule: 'viewer', headers: stale })).toBe(
      'UNAUTHENTICATED (cookie cleared)',
    );
  });

  it('checks the CSRF token on changes, before anything else', async () => {
    const headers = { ...cookie, 'x-workspace-id': WS };
    expect(await run({ policy: 'secret', rule: 'editor', method: 'POST', headers })).toBe(
      'FORBIDDEN',
    );
    expect(
      await run({
        policy: 'secret',
        rule: 'editor',
        method: 'POST',
        headers: { ...headers, 'x-csrf-token': CSRF },
      }),
    ).toMatchObject({ kind: 'session', workspaceId: WS, role: 'editor' });
  });

  it('needs X-Workspace-Id (400), membership (403) and the role of the rule (403)', async () => {
    expect(await run({ policy: 'secret', rule: 'viewer', headers: cookie })).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      await run({
        policy: 'secret',
        rule: 'viewer',
        headers: { ...cookie, 'x-workspace-id': 'nope' },
      }),
    ).toBe('VALIDATION_FAILED');
    const other = { ...cookie, 'x-workspace-id': 'ws_otherother1' };
    expect(await run({ policy: 'secret', rule: 'viewer', headers: other })).toBe('FORBIDDEN');
    const own = { ...cookie, 'x-workspace-id': WS };
    expect(await run({ policy: 'secret', rule: 'admin', headers: own })).toBe('FORBIDDEN');
    expect(await run({ policy: 'secret', rule: 'viewer', headers: own })).toMatchObject({
      kind: 'session',
      accountId: session.accountId,
      workspaceId: WS,
      role: 'editor',
    });
  });

  it('needs no workspace for signed-in routes', async () => {
    expect(await run({ policy: 'session', rule: 'signed-in', headers: cookie })).toEqual({
      kind: 'session',
      sessionId: 'h',
      accountId: session.accountId,
      csrfToken: CSRF,
    });
  });
});
