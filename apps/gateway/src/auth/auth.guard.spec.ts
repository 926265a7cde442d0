import { ExecutionContext, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@seg/contracts';
import type { GatewayConfig } from '../config';
import type { KeyResolver, ResolvedKey } from '../workspaces/key-resolver';
import type { AuthenticatedRequest } from './auth-context';
import { AUTH_POLICY, AuthPolicy } from './auth.decorators';
import { AuthGuard } from './auth.guard';

const PUBLIC = 'pk_publicpublicpublicpublicpublic1';
const SECRET = 'sk_secretsecretsecretsecretsecret1';
const ADMIN = 'admin-token-admin-token';

const keys = {
  resolve: async (key: string): Promise<ResolvedKey | null> => {
    if (key === PUBLIC)
      return { workspaceId: 'ws_1', keyKind: 'public', keyHash: 'hp', sdkLimits: {} };
    if (key === SECRET)
      return { workspaceId: 'ws_1', keyKind: 'secret', keyHash: 'hs', sdkLimits: {} };
    return null;
  },
} as KeyResolver;

const guard = new AuthGuard(new Reflector(), keys, { ADMIN_TOKEN: ADMIN } as GatewayConfig);

/** Runs the guard for a route with `policy` and an Authorization header. */
async function run(policy: AuthPolicy | undefined, authorization?: string) {
  const handler = () => undefined;
  if (policy) Reflect.defineMetadata(AUTH_POLICY, policy, handler);
  const request = { headers: { authorization } } as AuthenticatedRequest;
  const context = {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => class Route {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  try {
    await guard.canActivate(context);
    return request.auth;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

const bearer = (token: string) => `Bearer ${token}`;
const basic = (user: string, password = '') =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('AuthGuard', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('lets both keys call SDK routes, by Bearer or by Basic with an empty password', async () => {
    for (const header of [bearer(PUBLIC), bearer(SECRET), basic(PUBLIC), basic(SECRET)]) {
      expect(await run('sdk', header)).toMatchObject({ kind: 'workspace', workspaceId: 'ws_1' });
    }
    expect(await run('sdk', basic(PUBLIC, 'x'))).toBe('UNAUTHENTICATED');
  });

  it('lets only the secret key call secret routes, by Bearer only', async () => {
    expect(await run('secret', bearer(SECRET))).toMatchObject({ keyKind: 'secret' });
    expect(await run('secret', bearer(PUBLIC))).toBe('FORBIDDEN');
    expect(await run('secret', basic(SECRET))).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for missing, unknown or unsupported credentials', async () => {
    for (const policy of ['sdk', 'secret', 'admin'] as const) {
      expect(await run(policy)).toBe('UNAUTHENTICATED');
      expect(await run(policy, bearer('sk_unknownunknownunknownunknown1'))).toBe('UNAUTHENTICATED');
      expect(await run(policy, `Token ${SECRET}`)).toBe('UNAUTHENTICATED');
    }
  });

  it('takes only the admin token on admin routes; a workspace key gets 403', async () => {
    expect(await run('admin', bearer(ADMIN))).toEqual({ kind: 'admin' });
    expect(await run('admin', bearer(SECRET))).toBe('FORBIDDEN');
    expect(await run('admin', bearer(`${ADMIN}x`))).toBe('UNAUTHENTICATED');
    expect(await run('sdk', bearer(ADMIN))).toBe('UNAUTHENTICATED');
  });

  it('needs nothing on @NoAuth routes and denies routes without a policy', async () => {
    expect(await run('none')).toEqual({ kind: 'anonymous' });
    expect(await run(undefined, bearer(SECRET))).toBe('FORBIDDEN');
  });
});
