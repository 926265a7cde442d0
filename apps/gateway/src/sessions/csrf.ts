import { DomainError } from '@seg/contracts';
import { secretsEqual } from '../auth/api-keys';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A call made with a session that changes something (any method but GET, HEAD, OPTIONS) must
 * send the session's CSRF token as `X-CSRF-Token` (a cross-site page can make the browser send
 * the cookie, never read the token): 403 otherwise. Compared in constant time.
 */
export function checkCsrf(method: string, header: unknown, csrfToken: string): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  if (typeof header !== 'string' || header === '') {
    throw new DomainError(
      'FORBIDDEN',
      'Missing X-CSRF-Token header: calls that change something with a session send the csrfToken of GET /v1/auth/me',
    );
  }
  if (!secretsEqual(header, csrfToken)) {
    throw new DomainError(
      'FORBIDDEN',
      'Wrong X-CSRF-Token header: send the csrfToken of GET /v1/auth/me for this session',
    );
  }
}
