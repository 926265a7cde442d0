import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ME, renderApp, type Routes } from '../../../test/render-app';

const user = (n: number) => ({
  userId: `sample-user-00${n}`,
  name: `Sample ${n}`,
  email: `sample${n}@acme.example`,
  lastActivityAt: '2026-11-30T10:00:00.000Z',
});

/** An empty workspace until the sample data is loaded; the load answers when it is released. */
function emptyWorkspace() {
  let loaded = false;
  let release: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  const routes: Routes = {
    'GET /v1/users': () => ({ items: loaded ? [user(1), user(2)] : [], nextCursor: null }),
    'GET /v1/segments': () => ({ segments: [], nextCursor: null }),
    'POST /v1/workspaces/current/sample-data': async () => {
      await answered;
      loaded = true;
      return {
        status: 201,
        body: {
          users: 40,
          events: 300,
          pages: 500,
          interactions: 60,
          syncedRecords: { hubspot: 34, customerio: 32 },
          segments: [],
          experiences: [],
        },
      };
    },
  };
  return { routes, release };
}

describe('the Users tab of an empty workspace', () => {
  it('offers Load sample data, shows its progress, then the users', async () => {
    const workspace = emptyWorkspace();
    const app = renderApp('/users', workspace.routes);
    await screen.findByText('No user yet');
    await app.user.click(await screen.findByRole('button', { name: 'Load sample data' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Loading sample data…');
    expect(screen.getByRole('button', { name: 'Load sample data' })).toBeDisabled();
    const call = app.callsTo('POST', '/v1/workspaces/current/sample-data')[0];
    expect(call.headers.get('x-csrf-token')).toBe('csrf-1');
    expect(call.headers.get('x-workspace-id')).toBe('ws_1');

    workspace.release();
    const table = await screen.findByRole('table', { name: 'Users' });
    expect(within(table).getByRole('link', { name: 'Sample 1' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load sample data' })).toBeNull();
    expect(app.callsTo('POST', '/v1/workspaces/current/sample-data')).toHaveLength(1);
  });

  it("shows the API's message when the load is refused", async () => {
    const app = renderApp('/users', {
      'GET /v1/users': () => ({ items: [], nextCursor: null }),
      'GET /v1/segments': () => ({ segments: [], nextCursor: null }),
      'POST /v1/workspaces/current/sample-data': () => ({
        status: 409,
        body: { error: 'Conflict', message: 'Sample data was already loaded into this workspace' },
      }),
    });
    await app.user.click(await screen.findByRole('button', { name: 'Load sample data' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Sample data was already loaded into this workspace',
    );
  });

  it('is not offered to a viewer', async () => {
    renderApp('/users', {
      'GET /v1/auth/me': () => ({ ...ME, workspaces: [{ ...ME.workspaces[0], role: 'viewer' }] }),
      'GET /v1/users': () => ({ items: [], nextCursor: null }),
      'GET /v1/segments': () => ({ segments: [], nextCursor: null }),
    });
    await screen.findByText('No user yet');
    expect(screen.queryByRole('button', { name: 'Load sample data' })).toBeNull();
  });

  it('is not offered when the workspace has segments already', async () => {
    const app = renderApp('/users', {
      'GET /v1/users': () => ({ items: [], nextCursor: null }),
      'GET /v1/segments': () => ({
        segments: [
          {
            id: 'seg_1',
            name: 'Mine',
            description: null,
            usedBy: [],
            rules: { type: 'group', operator: 'and', conditions: [] },
            version: 1,
            createdAt: '2026-11-30T10:00:00.000Z',
            updatedAt: '2026-11-30T10:00:00.000Z',
          },
        ],
        nextCursor: null,
      }),
    });
    await screen.findByText('No user yet');
    await expect.poll(() => app.callsTo('GET', '/v1/segments').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Load sample data' })).toBeNull();
  });
});
