import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ME, renderApp, type Routes } from '../../../test/render-app';

const WORKSPACE = { id: 'ws_1', name: 'Acme', createdAt: '2026-10-01T10:00:00.000Z' };
const MEMBERS = [
  {
    accountId: 'acc_1aaaaaaaa',
    email: 'ada@acme.com',
    name: 'Ada Lovelace',
    role: 'admin',
    joinedAt: '2026-10-01T10:00:00.000Z',
  },
  {
    accountId: 'acc_2bbbbbbbb',
    email: 'ed@acme.com',
    name: 'Ed Editor',
    role: 'editor',
    joinedAt: '2026-10-02T10:00:00.000Z',
  },
];
const INVITE = {
  id: 'invt_12345678',
  email: 'new@acme.com',
  role: 'viewer',
  createdAt: '2026-11-30T10:00:00.000Z',
  expiresAt: '2026-12-07T10:00:00.000Z',
};

const routes: Routes = {
  'GET /v1/workspaces/current': () => WORKSPACE,
  'PUT /v1/workspaces/current': (call) => ({ ...WORKSPACE, ...(call.body as object) }),
  'GET /v1/workspaces/current/keys': () => ({
    publicKey: 'pk_public123',
    secretKeyMasked: 'sk_…9xyz',
    keysRotatedAt: null,
  }),
  'POST /v1/workspaces/current/keys/rotate': (call) => ({
    kind: (call.body as { kind: string }).kind,
    key: 'sk_brandnewsecret',
  }),
  'GET /v1/team/members': () => ({ items: MEMBERS }),
  'GET /v1/team/invites': () => ({ items: [INVITE] }),
  'POST /v1/team/invites': (call) => ({
    status: 201,
    body: {
      ...INVITE,
      id: 'invt_abcdefgh',
      ...(call.body as object),
      token: 'inv_tok',
      url: 'http://localhost/signup?token=inv_tok',
    },
  }),
  'DELETE /v1/team/invites/:id': (_call, { id }) => ({ id, revoked: true }),
  'PUT /v1/team/members/:accountId': (call, { accountId }) => ({
    ...MEMBERS.find((member) => member.accountId === accountId),
    ...(call.body as object),
  }),
  'DELETE /v1/team/members/:accountId': (_call, { accountId }) => ({ accountId, removed: true }),
};

const as = (role: 'admin' | 'editor' | 'viewer'): Routes => ({
  ...routes,
  'GET /v1/auth/me': () => ({ ...ME, workspaces: [{ id: 'ws_1', name: 'Acme', role }] }),
});

describe('Settings', () => {
  it('Workspace: an admin renames the workspace', async () => {
    const app = renderApp('/settings', routes);
    const name = await screen.findByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('Acme');
    await app.user.clear(name);
    await app.user.type(name, 'Acme Corp');
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(app.callsTo('PUT', '/v1/workspaces/current')).toHaveLength(1));
    expect(app.callsTo('PUT', '/v1/workspaces/current')[0].body).toEqual({ name: 'Acme Corp' });
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
  });

  it('API keys: the public key to copy, the secret masked; Rotate explains what breaks, then shows the new key once', async () => {
    const app = renderApp('/settings/api-keys', routes);
    expect(await screen.findByRole('textbox', { name: 'Public key' })).toHaveValue('pk_public123');
    expect(screen.getByRole('button', { name: 'Copy public key' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Secret key' })).toHaveValue('sk_…9xyz');
    await app.user.click(screen.getByRole('button', { name: 'Rotate the secret key' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Rotate the secret key?' }));
    expect(dialog.getByText(/calls made with it are refused \(401\)/)).toBeInTheDocument();
    expect(app.callsTo('POST', '/v1/workspaces/current/keys/rotate')).toHaveLength(0);
    await app.user.click(dialog.getByRole('button', { name: 'Rotate secret key' }));
    const shown = within(await screen.findByRole('dialog', { name: 'Your new secret key' }));
    expect(shown.getByRole('textbox', { name: 'New secret key' })).toHaveValue('sk_brandnewsecret');
    expect(shown.getByText(/only time the new secret key is shown/)).toBeInTheDocument();
    expect(app.callsTo('POST', '/v1/workspaces/current/keys/rotate')[0].body).toEqual({
      kind: 'secret',
    });
    await app.user.click(shown.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByText('sk_brandnewsecret')).toBeNull());
    expect(screen.queryByDisplayValue('sk_brandnewsecret')).toBeNull();
  });

  it('Team: members with roles, change a role, remove after confirming', async () => {
    const app = renderApp('/settings/team', routes);
    const members = within(await screen.findByRole('table', { name: 'Members' }));
    expect(members.getByText('Ed Editor')).toBeInTheDocument();
    await app.user.selectOptions(
      members.getByRole('combobox', { name: 'Role of Ed Editor' }),
      'viewer',
    );
    await waitFor(() =>
      expect(app.callsTo('PUT', '/v1/team/members/acc_2bbbbbbbb')[0]?.body).toEqual({
        role: 'viewer',
      }),
    );
    await app.user.click(members.getByRole('button', { name: 'Remove Ed Editor' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Remove Ed Editor?' }));
    expect(app.callsTo('DELETE', '/v1/team/members/acc_2bbbbbbbb')).toHaveLength(0);
    await app.user.click(dialog.getByRole('button', { name: 'Remove member' }));
    await waitFor(() =>
      expect(app.callsTo('DELETE', '/v1/team/members/acc_2bbbbbbbb')).toHaveLength(1),
    );
  });

  it('Team: an invite link to copy, with its expiry; an open invite is revoked', async () => {
    const app = renderApp('/settings/team', routes);
    const invites = within(await screen.findByRole('table', { name: 'Invites' }));
    expect(invites.getByText('new@acme.com')).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Invite' }));
    const form = within(await screen.findByRole('dialog', { name: 'Invite a team member' }));
    await app.user.type(form.getByRole('textbox', { name: 'Email' }), 'eve@acme.com');
    await app.user.selectOptions(form.getByRole('combobox', { name: 'Role' }), 'editor');
    await app.user.click(form.getByRole('button', { name: 'Create invite link' }));
    const link = within(await screen.findByRole('dialog', { name: 'Invite link' }));
    expect(link.getByRole('textbox', { name: 'Invite link' })).toHaveValue(
      'http://localhost/signup?token=inv_tok',
    );
    expect(link.getByText(/eve@acme.com/)).toBeInTheDocument();
    expect(app.callsTo('POST', '/v1/team/invites')[0].body).toEqual({
      email: 'eve@acme.com',
      role: 'editor',
    });
    await app.user.click(link.getByRole('button', { name: 'Done' }));

    await app.user.click(
      invites.getByRole('button', { name: 'Revoke the invite for new@acme.com' }),
    );
    const confirm = within(await screen.findByRole('dialog', { name: 'Revoke this invite?' }));
    await app.user.click(confirm.getByRole('button', { name: 'Revoke invite' }));
    await waitFor(() =>
      expect(app.callsTo('DELETE', '/v1/team/invites/invt_12345678')).toHaveLength(1),
    );
  });

  it('an editor is not offered API keys, nor any team or workspace change', async () => {
    const app = renderApp('/settings', as('editor'));
    expect(await screen.findByRole('textbox', { name: 'Name' })).toHaveAttribute('readonly');
    expect(screen.queryByRole('tab', { name: 'API keys' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    await app.user.click(screen.getByRole('tab', { name: 'Team' }));
    const members = within(await screen.findByRole('table', { name: 'Members' }));
    expect(members.getByText('Editor')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: /Role of/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole('table', { name: 'Invites' })).toBeNull();
    expect(app.callsTo('GET', '/v1/team/invites')).toHaveLength(0);
    expect(app.callsTo('GET', '/v1/workspaces/current/keys')).toHaveLength(0);
  });

  it('an editor who opens the API keys URL is told only admins manage keys', async () => {
    const app = renderApp('/settings/api-keys', as('editor'));
    expect(await screen.findByText('Only admins manage API keys')).toBeInTheDocument();
    expect(app.callsTo('GET', '/v1/workspaces/current/keys')).toHaveLength(0);
  });

  it("shows the API's message when a role change is refused (the last admin)", async () => {
    const app = renderApp('/settings/team', {
      ...routes,
      'PUT /v1/team/members/:accountId': () => ({
        status: 409,
        body: { error: 'Conflict', message: 'The last admin cannot be demoted' },
      }),
    });
    const members = within(await screen.findByRole('table', { name: 'Members' }));
    await app.user.selectOptions(
      members.getByRole('combobox', { name: 'Role of Ada Lovelace' }),
      'editor',
    );
    expect(await screen.findByText('The last admin cannot be demoted')).toBeInTheDocument();
  });
});
