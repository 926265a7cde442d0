import type { CookieOptions, Response } from 'express';
import type { GatewayConfig } from '../config';

export const SESSION_COOKIE = 'seg_session';
const SESSION_VALUE = /^[A-Za-z0-9]{20,100}$/;

/**
 * The session cookie's value from a `Cookie` header, if any well-formed one. Express 5 does
 * not parse cookies and one name is all the gateway reads, so this is not worth a dependency.
 */
export function sessionTokenFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0 || pair.slice(0, equals).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(equals + 1).trim();
    return SESSION_VALUE.test(value) ? value : undefined;
  }
  return undefined;
}

/** httpOnly, SameSite=Lax, `Secure` except in development and test (plain http on 127.0.0.1). */
export function sessionCookieOptions(
  config: Pick<GatewayConfig, 'NODE_ENV' | 'SESSION_COOKIE_SECURE'>,
): CookieOptions {
  const secure =
    config.SESSION_COOKIE_SECURE !== undefined
      ? config.SESSION_COOKIE_SECURE === 'true'
      : config.NODE_ENV === 'production';
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

export function setSessionCookie(
  response: Response,
  token: string,
  maxAgeMs: number,
  config: Pick<GatewayConfig, 'NODE_ENV' | 'SESSION_COOKIE_SECURE'>,
): void {
  response.cookie(SESSION_COOKIE, token, { ...sessionCookieOptions(config), maxAge: maxAgeMs });
}

export function clearSessionCookie(
  response: Response,
  config: Pick<GatewayConfig, 'NODE_ENV' | 'SESSION_COOKIE_SECURE'>,
): void {
  response.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
}
