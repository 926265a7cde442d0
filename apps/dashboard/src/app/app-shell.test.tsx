import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ME, renderApp } from '../test/render-app';

const TWO_WORKSPACES = {
  ...ME,
  workspaces: [
    { id: 'ws_1', name: 'Acme', role: 'admin' as const },
    { id: 'ws_2', name: 'Globex', role: 'viewer' as const },
  ],
};

describe('the app shell', () => {
  it('names the side bar pages, each with its own URL', async () => {
    const app = renderApp('/users', { 'GET /v1/users': () => ({ items: [], nextCursor: null }) });
    const nav = within(await screen.findByRole('navigation', { name: 'Main' }));
    for (const name of ['Users & Segments', 'Experiences', 'Integrations', 'Settings']) {
      expect(nav.getByRole('link', { name })).toBeInTheDocument();
    }
    await app.user.click(nav.getByRole('link', { name: 'Settings' }));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeInTheDocument();
    expect(app.router.state.location.pathname).toBe('/settings');
  });

  it('the workspace switcher names the chosen workspace on the next calls', async () => {
    const app = renderApp('/users', {
      'GET /v1/auth/me': () => TWO_WORKSPACES,
      'GET /v1/users': (call) => ({
        items: [
          {
            userId: `in_${call.headers.get('X-Workspace-Id')}`,
            name: null,
            email: null,
            lastActivityAt: '2026-11-30T10:00:00.000Z',
          },
        ],
        nextCursor: null,
      }),
    });
    expect(await screen.findByRole('link', { name: 'in_ws_1' })).toBeInTheDocument();
    await app.user.click(screen.getByRole('combobox', { name: 'Workspace' }));
    await app.user.click(await screen.findByRole('option', { name: 'Globex (viewer)' }));

    expect(await screen.findByRole('link', { name: 'in_ws_2' })).toBeInTheDocument();
    await waitFor(() =>
      expect(app.callsTo('GET', '/v1/users').at(-1)?.headers.get('X-Workspace-Id')).toBe('ws_2'),
    );
    // A viewer there: the Users tab offers no Save as segment.
    await app.user.click(screen.getByRole('button', { name: 'Filters' }));
    expect(screen.queryByRole('button', { name: 'Save as segment' })).toBeNull();
  });
});

describe('New workspace', () => {
  it('creates the workspace and shows its keys once, the secret key to copy', async () => {
    let created = false;
    const app = renderApp('/users', {
      'GET /v1/auth/me': () =>
        created
          ? {
              ...ME,
              workspaces: [...ME.workspaces, { id: 'ws_new', name: 'Initech', role: 'admin' }],
            }
          : ME,
      'GET /v1/users': () => ({ items: [], nextCursor: null }),
      'POST /v1/workspaces': (call) => {
        created = true;
        return {
          status: 201,
          body: {
            id: 'ws_new',
            ...(call.body as object),
            publicKey: 'pk_newpublic',
            secretKey: 'sk_newsecret',
          },
        };
      },
    });
    await app.user.click(await screen.findByRole('button', { name: 'New workspace' }));
    const form = within(await screen.findByRole('dialog', { name: 'New workspace' }));
    await app.user.type(form.getByRole('textbox', { name: 'Name' }), 'Initech');
    await app.user.click(form.getByRole('button', { name: 'Create workspace' }));
    const keys = within(await screen.findByRole('dialog', { name: 'Initech: your API keys' }));
    expect(keys.getByRole('textbox', { name: 'Secret key' })).toHaveValue('sk_newsecret');
    expect(keys.getByRole('textbox', { name: 'Public key' })).toHaveValue('pk_newpublic');
    expect(app.callsTo('POST', '/v1/workspaces')[0].body).toEqual({ name: 'Initech' });
    await app.user.click(keys.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByDisplayValue('sk_newsecret')).toBeNull());
  });
});
