import { limitFor } from './rate-limit-options';
import { trackerOf } from './rate-limit.guard';

const config = {
  RATE_LIMIT_SDK: 6_000,
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
