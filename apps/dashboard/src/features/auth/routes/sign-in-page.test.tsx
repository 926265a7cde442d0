import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ME, renderApp } from '../../../test/render-app';

describe('signing in', () => {
  it('a page behind the session, without one, leads to Sign in', async () => {
    const app = renderApp('/segments', {
      'GET /v1/auth/me': () => ({
        status: 401,
        body: { error: 'Unauthorized', message: 'Sign in' },
      }),
      'GET /v1/auth/state': () => ({ setupNeeded: false }),
    });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(app.router.state.location.pathname).toBe('/sign-in');
  });

  it('a fresh install offers Create account, which signs up and opens the app', async () => {
    let signedUp = false;
    const app = renderApp('/sign-in', {
      'GET /v1/auth/me': () =>
        signedUp ? ME : { status: 401, body: { error: 'Unauthorized', message: 'Sign in' } },
      'GET /v1/auth/state': () => ({ setupNeeded: !signedUp }),
      'POST /v1/auth/signup': () => {
        signedUp = true;
        return { status: 201, body: ME };
      },
      'GET /v1/users': () => ({ items: [], nextCursor: null }),
    });
    expect(await screen.findByRole('heading', { name: 'Create account' })).toBeInTheDocument();
    await app.user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Ada Lovelace');
    await app.user.type(screen.getByRole('textbox', { name: /^Email/ }), 'ada@acme.com');
    await app.user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await app.user.click(screen.getByRole('button', { name: 'Create account' }));

    await waitFor(() => expect(app.router.state.location.pathname).toBe('/users'));
    expect(app.callsTo('POST', '/v1/auth/signup')[0].body).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@acme.com',
      password: 'correct horse battery',
    });
    expect(await screen.findByText('No user yet')).toBeInTheDocument();
  });

  it("the gateway's invite link (/signup?token=…) opens Create account with the invite", async () => {
    const app = renderApp('/signup?token=inv_abcdefghijklmnop', {
      'GET /v1/auth/me': () => ({
        status: 401,
        body: { error: 'Unauthorized', message: 'Sign in' },
      }),
      'GET /v1/auth/state': () => ({ setupNeeded: false }),
      'GET /v1/auth/invites/inv_abcdefghijklmnop': () => ({
        email: 'bo@acme.com',
        role: 'editor',
        workspace: { id: 'ws_acme00000001', name: 'Acme' },
        expiresAt: '2026-12-08T10:00:00.000Z',
      }),
    });
    expect(await screen.findByRole('heading', { name: 'Create account' })).toBeInTheDocument();
    expect(app.router.state.location.pathname).toBe('/sign-in');
    expect(app.router.state.location.search).toEqual({ invite: 'inv_abcdefghijklmnop' });
  });

  it('shows the API message when signing in fails', async () => {
    const app = renderApp('/sign-in', {
      'GET /v1/auth/me': () => ({
        status: 401,
        body: { error: 'Unauthorized', message: 'Sign in' },
      }),
      'GET /v1/auth/state': () => ({ setupNeeded: false }),
      'POST /v1/auth/login': () => ({
        status: 401,
        body: { error: 'Unauthorized', message: 'Wrong email or password' },
      }),
    });
    await screen.findByRole('heading', { name: 'Sign in' });
    await app.user.type(screen.getByRole('textbox', { name: /^Email/ }), 'ada@acme.com');
    await app.user.type(screen.getByLabelText(/^Password/), 'not the password');
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password');
  });

  it('a failing API shows its message, never a blank page', async () => {
    renderApp('/users', {
      'GET /v1/auth/me': () => ({
        status: 403,
        body: { error: 'Forbidden', message: 'This address is not allowed' },
      }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('This address is not allowed');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
