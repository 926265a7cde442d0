import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, RouterProvider } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { session } from '../api/session';
import type { MeResponse } from '../api/paths';
import { createAppQueryClient } from '../app/query-client';
import { createAppRouter } from '../app/router';
import { SAMPLE_CATALOG } from '../features/segments/sample-catalog';

/** One call the app made, as the server would see it. */
export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials;
}

type Answer = { status?: number; body?: unknown } | unknown;
/** A handler may answer later (a promise): the call stays in flight until it settles. */
export type Handler = (
  call: RecordedCall,
  params: Record<string, string>,
) => Answer | Promise<Answer>;
/** `'GET /v1/segments/:id'` → what it answers (`{ status, body }`, or a body for 200). */
export type Routes = Record<string, Handler>;

export const ME: MeResponse = {
  account: { id: 'acc_1', email: 'ada@acme.com', name: 'Ada Lovelace' },
  workspaces: [{ id: 'ws_1', name: 'Acme', role: 'admin' }],
  csrfToken: 'csrf-1',
};

/** The catalog calls answered from the builder's sample catalog. */
export const CATALOG_ROUTES: Routes = {
  'GET /v1/attributes': () => SAMPLE_CATALOG.attributes,
  'GET /v1/events': () => SAMPLE_CATALOG.events,
  'GET /v1/experiences': () => ({ experiences: SAMPLE_CATALOG.experiences, nextCursor: null }),
};

function match(pattern: string, method: string, path: string): Record<string, string> | null {
  const [patternMethod, patternPath] = pattern.split(' ');
  if (patternMethod !== method) return null;
  const want = patternPath.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/**
 * Stands in for the gateway: `fetch` answers from `routes` (exact paths before patterns) and
 * every call is recorded. A call no route answers is a 404, and listed in `unanswered`.
 */
export function fakeApi(routes: Routes) {
  const calls: RecordedCall[] = [];
  const unanswered: string[] = [];
  const entries = Object.entries(routes).sort(
    ([a], [b]) => a.split(':').length - b.split(':').length,
  );
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    // The typed client passes a Request; the SDK passes a URL and its options.
    const request = typeof input === 'string' ? new Request(input, init) : input;
    const url = new URL(request.url);
    const text = await request.text();
    const call: RecordedCall = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: text === '' ? undefined : JSON.parse(text),
      credentials: request.credentials,
    };
    calls.push(call);
    for (const [pattern, handler] of entries) {
      const params = match(pattern, call.method, call.path);
      if (!params) continue;
      const answer: unknown = await handler(call, params);
      const { status, body } =
        typeof answer === 'object' && answer !== null && 'status' in answer
          ? (answer as { status: number; body?: unknown })
          : { status: 200, body: answer };
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    unanswered.push(`${call.method} ${call.path}`);
    return new Response(JSON.stringify({ error: 'NotFound', message: 'no such route' }), {
      status: 404,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return {
    calls,
    unanswered,
    callsTo: (method: string, path: string) =>
      calls.filter((call) => call.method === method && call.path === path),
  };
}

/** The whole app (router, query cache, Mantine) at `url`, over the fake API's `routes`. */
export function renderApp(url: string, routes: Routes) {
  const api = fakeApi({ 'GET /v1/auth/me': () => ME, ...CATALOG_ROUTES, ...routes });
  const queryClient = createAppQueryClient();
  const router = createAppRouter(queryClient, createMemoryHistory({ initialEntries: [url] }));
  render(
    <MantineProvider env="test">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...api, router, user: userEvent.setup({ delay: null }) };
}

afterEach(() => {
  vi.unstubAllGlobals();
  session.setWorkspaceId(null);
  session.setCsrfToken(null);
});
