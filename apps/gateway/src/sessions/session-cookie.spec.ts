import { sessionCookieOptions, sessionTokenFrom } from './session-cookie';

const VALUE = 'a'.repeat(43);

describe('session cookie', () => {
  it('reads the session cookie among others', () => {
    expect(sessionTokenFrom(`seg_session=${VALUE}`)).toBe(VALUE);
    expect(sessionTokenFrom(`theme=dark; seg_session=${VALUE}; other=1`)).toBe(VALUE);
    expect(sessionTokenFrom(undefined)).toBeUndefined();
    expect(sessionTokenFrom('theme=dark')).toBeUndefined();
    expect(sessionTokenFrom(`xseg_session=${VALUE}`)).toBeUndefined();
  });

  it('ignores a malformed value', () => {
    expect(sessionTokenFrom('seg_session=short')).toBeUndefined();
    expect(sessionTokenFrom(`seg_session=${VALUE.slice(1)}%00`)).toBeUndefined();
  });

  it('is httpOnly and SameSite, Secure outside development and test', () => {
    expect(sessionCookieOptions({ NODE_ENV: 'production' })).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      path: '/',
    });
    expect(sessionCookieOptions({ NODE_ENV: 'development' }).secure).toBe(false);
    expect(sessionCookieOptions({ NODE_ENV: 'test' }).secure).toBe(false);
    expect(
      sessionCookieOptions({ NODE_ENV: 'development', SESSION_COOKIE_SECURE: 'true' }).secure,
    ).toBe(true);
  });
});
