// A browser-like caller for the dashboard API: keeps the session cookie the gateway sets (and
// clears), sends the CSRF token and the workspace header. Node's fetch keeps no cookies.
import { api, type ApiResponse } from './api';

export const SESSION_COOKIE = 'seg_session';

export interface Me {
  account: { id: string; email: string; name: string; createdAt: string };
  workspaces: Array<{ id: string; name: string; role: 'admin' | 'editor' | 'viewer' }>;
  csrfToken: string;
}

export interface CallOptions {
  body?: unknown;
  /** Send X-CSRF-Token (default true when a token is known). */
  csrf?: boolean | string;
  /** X-Workspace-Id (default: the current workspace; null: none). */
  workspaceId?: string | null;
  headers?: Record<string, string>;
}

export class DashboardSession {
  /** `baseUrl`: another gateway than the global set-up's (one with a database of its own). */
  constructor(private readonly baseUrl?: string) {}

  cookie: string | undefined;
  csrfToken: string | undefined;
  workspaceId: string | undefined;
  /** The last Set-Cookie line for the session cookie, as sent. */
  lastSetCookie: string | undefined;

  async call<T = unknown>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie !== undefined) headers['cookie'] = `${SESSION_COOKIE}=${this.cookie}`;
    const csrf = options.csrf ?? true;
    if (typeof csrf === 'string') headers['x-csrf-token'] = csrf;
    else if (csrf && this.csrfToken !== undefined) headers['x-csrf-token'] = this.csrfToken;
    const workspaceId = options.workspaceId === undefined ? this.workspaceId : options.workspaceId;
    if (workspaceId !== null && workspaceId !== undefined) headers['x-workspace-id'] = workspaceId;
    const response = await api<T>(method, path, {
      body: options.body,
      headers,
      baseUrl: this.baseUrl,
    });
    this.keepCookie(response.headers);
    return response;
  }

  /** Signs up or in (`path`), keeping the cookie, the CSRF token and the first workspace. */
  async enter(path: '/v1/auth/signup' | '/v1/auth/login', body: unknown): Promise<ApiResponse<Me>> {
    const response = await this.call<Me>('POST', path, { body, csrf: false, workspaceId: null });
    if (response.status === 200 || response.status === 201) {
      this.csrfToken = response.body.csrfToken;
      this.workspaceId = response.body.workspaces[0]?.id;
    }
    return response;
  }

  private keepCookie(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const equals = pair.indexOf('=');
      if (pair.slice(0, equals).trim() !== SESSION_COOKIE) continue;
      this.lastSetCookie = line;
      const value = pair.slice(equals + 1).trim();
      const expired = /expires=Thu, 01 Jan 1970/i.test(line) || value === '';
      this.cookie = expired ? undefined : value;
    }
  }
}
