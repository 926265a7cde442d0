import createClient, { type Middleware } from 'openapi-fetch';
import type { ApiPaths, ErrorBody } from './paths';
import { session } from './session';

/** A failed call: the status and the API's `{ error, message, details? }` (api.md "Errors"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }

  get details(): { path: string; message: string }[] {
    return this.body.details ?? [];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Names the workspace on every call and adds the CSRF token to the calls that change something. */
export const sessionHeaders: Middleware = {
  onRequest({ request }) {
    const workspaceId = session.workspaceId();
    if (workspaceId !== null) request.headers.set('X-Workspace-Id', workspaceId);
    const csrfToken = session.csrfToken();
    if (!SAFE_METHODS.has(request.method) && csrfToken !== null) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
};

/**
 * The typed client of the gateway's API (same origin, so the session cookie goes along).
 * `fetch` is looked up at each call, so tests can stand in for the network.
 */
export const api = createClient<ApiPaths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
  fetch: (request) => globalThis.fetch(request),
});
api.use(sessionHeaders);

interface Result<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** The answer's body, or an `ApiError` with the API's message (a non-JSON failure gets one). */
export async function unwrap<Data>(call: Promise<Result<Data>>): Promise<Data> {
  let result: Result<Data>;
  try {
    result = await call;
  } catch (cause) {
    // No answer (network down), or an answer that is not the API's JSON (another server).
    throw new ApiError(0, {
      error: 'Unreachable',
      message: `The API could not be reached (${errorMessage(cause)})`,
    });
  }
  const { data, error, response } = result;
  if (response.ok) return data as Data;
  throw new ApiError(response.status, errorBody(error, response));
}

function errorBody(error: unknown, response: Response): ErrorBody {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const body = error as Partial<ErrorBody>;
    return {
      error: typeof body.error === 'string' ? body.error : `HTTP ${response.status}`,
      message: String(body.message),
      details: Array.isArray(body.details) ? body.details : undefined,
    };
  }
  return {
    error: `HTTP ${response.status}`,
    message: `The server answered ${response.status} ${response.statusText}`.trim(),
  };
}

/** A message fit for people, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
