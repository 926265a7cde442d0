import { endUserLimitFor, endUserTrackerOf, limitFor } from './rate-limit-options';
import { trackerOf } from './rate-limit.guard';

const config = {
  RATE_LIMIT_SDK: 6_000,
  RATE_LIMIT_SDK_PER_USER: 600,
  RATE_LIMIT_SECRET: 1_200,
  RATE_LIMIT_ADMIN: 600,
  RATE_LIMIT_WINDOW_MS: 60_000,
};

describe('rate limits', () => {
  it('gives public (SDK) keys the SDK limit, secret keys and the admin theirs', () => {
    const key = { kind: 'workspace', workspaceId: 'ws_1', keyHash: 'h' } as const;
    expect(limitFor({ ...key, keyKind: 'public' }, config)).toBe(6_000);
    expect(limitFor({ ...key, keyKind: 'secret' }, config)).toBe(1_200);
    expect(limitFor({ kind: 'admin' }, config)).toBe(600);
  });

  it('counts per key, never per workspace', () => {
    const key = { kind: 'workspace', workspaceId: 'ws_1', keyKind: 'public' } as const;
    expect(trackerOf({ ...key, keyHash: 'h1' })).not.toBe(trackerOf({ ...key, keyHash: 'h2' }));
    expect(trackerOf({ kind: 'admin' })).toBe('admin');
  });
});

describe("a workspace's own SDK limits", () => {
  const key = { kind: 'workspace', workspaceId: 'ws_1', keyHash: 'h', keyKind: 'public' } as const;

  it('replace the defaults for its public key only, each on its own', () => {
    const own = { ...key, sdkLimits: { perWindow: 50_000 } };
    expect(limitFor(own, config)).toBe(50_000);
    expect(endUserLimitFor(own, config)).toBe(600);
    const perUser = { ...key, sdkLimits: { perUserPerWindow: 5 } };
    expect(limitFor(perUser, config)).toBe(6_000);
    expect(endUserLimitFor(perUser, config)).toBe(5);
    // A secret key keeps the secret limit whatever the workspace's SDK limits are.
    expect(limitFor({ ...own, keyKind: 'secret' }, config)).toBe(1_200);
  });
});

describe('end-user rate limit tracker', () => {
  const auth = {
    kind: 'workspace',
    workspaceId: 'ws_1',
    keyKind: 'public',
    keyHash: 'h1',
  } as const;
  const request = (part: Partial<Parameters<typeof endUserTrackerOf>[0]>) => ({
    auth,
    ip: '10.0.0.1',
    params: {},
    body: undefined,
    ...part,
  });

  it('counts the user a request names: the path, else the body', () => {
    const fromPath = endUserTrackerOf(request({ params: { userId: 'u1' } }));
    expect(endUserTrackerOf(request({ body: { userId: 'u1', event: 'x' } }))).toBe(fromPath);
    expect(endUserTrackerOf(request({ params: { userId: 'u2' } }))).not.toBe(fromPath);
    // The same user from another address is the same end user.
    expect(endUserTrackerOf(request({ params: { userId: 'u1' }, ip: '10.0.0.2' }))).toBe(fromPath);
    expect(endUserTrackerOf(request({ body: { anonymousId: 'anon-1' } }))).not.toBe(fromPath);
  });

  it('counts by address when no single user is named (a batch)', () => {
    const batch = { batch: [{ userId: 'u1' }, { userId: 'u2' }] };
    const a = endUserTrackerOf(request({ body: batch }));
    expect(endUserTrackerOf(request({ body: batch, ip: '10.0.0.2' }))).not.toBe(a);
    expect(endUserTrackerOf(request({ body: [] }))).toBe(a);
  });

  it("keeps each key's end users apart, and bounds the key's length", () => {
    const one = endUserTrackerOf(request({ params: { userId: 'u1' } }));
    const otherKey = endUserTrackerOf({
      ...request({ params: { userId: 'u1' } }),
      auth: { ...auth, keyHash: 'h2' },
    });
    expect(otherKey).not.toBe(one);
    const long = endUserTrackerOf(request({ params: { userId: 'x'.repeat(10_000) } }));
    expect(long.length).toBeLessThan(60);
  });
});
