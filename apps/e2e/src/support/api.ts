// Small HTTP helpers for the e2e suites: they talk to the running gateway only.

export const gatewayUrl = (): string => required('E2E_GATEWAY_URL');
export const adminToken = (): string => required('E2E_ADMIN_TOKEN');

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiOptions {
  /** Sent as `Authorization: Bearer <key>` (or Basic with `basic: true`). */
  key?: string;
  /** Segment's convention: HTTP Basic with the key as user name and an empty password. */
  basic?: boolean;
  /** JSON-encoded unless a string (sent as is, e.g. malformed JSON). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Another gateway than the global set-up's (e.g. a second instance). */
  baseUrl?: string;
}

/** One request to the gateway; the body is parsed as JSON when it is JSON. */
export async function api<T = unknown>(
  method: string,
  path: string,
  options: ApiOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) {
    headers['authorization'] = options.basic
      ? `Basic ${Buffer.from(`${options.key}:`).toString('base64')}`
      : `Bearer ${options.key}`;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${options.baseUrl ?? gatewayUrl()}${path}`, {
    method,
    headers,
    body,
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
  return {
    status: response.status,
    body: (isJson && text !== '' ? JSON.parse(text) : text) as T,
    headers: response.headers,
  };
}

export interface TestWorkspace {
  id: string;
  name: string;
  publicKey: string;
  secretKey: string;
}

/** A fresh workspace (suites isolate themselves by workspace). */
export async function createWorkspace(name = `e2e ${Date.now()}`): Promise<TestWorkspace> {
  const response = await api<TestWorkspace>('POST', '/v1/workspaces', {
    key: adminToken(),
    body: { name },
  });
  if (response.status !== 201) {
    throw new Error(
      `Creating a workspace failed: ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return response.body;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through apps/e2e/jest.config.cjs`);
  return value;
}
