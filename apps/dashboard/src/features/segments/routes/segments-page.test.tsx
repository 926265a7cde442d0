import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ME, renderApp, type Routes } from '../../../test/render-app';

const base = {
  rules: { type: 'group', operator: 'and', conditions: [] },
  version: 1,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  referencedBy: [] as string[],
};
const SEGMENTS = [
  {
    ...base,
    id: 'seg_trial',
    name: 'Trial users',
    description: 'On a trial',
    usedBy: ['exp_a', 'exp_b'],
  },
  { ...base, id: 'seg_base', name: 'Base users', usedBy: [], referencedBy: ['seg_trial'] },
];
const EXPERIENCES: Record<string, object> = {
  exp_a: {
    id: 'exp_a',
    name: 'Welcome tour',
    audience: { mode: 'segments', segmentIds: ['seg_trial'] },
  },
  exp_b: {
    id: 'exp_b',
    name: 'Upgrade banner',
    audience: { mode: 'segments', segmentIds: ['seg_trial', 'seg_other'] },
  },
};

const routes: Routes = {
  'GET /v1/segments': () => ({ segments: SEGMENTS, nextCursor: null }),
  'GET /v1/segments/:id/count': (_call, { id }) => ({ count: id === 'seg_trial' ? 1234 : 7 }),
  'GET /v1/experiences/:id': (_call, { id }) => EXPERIENCES[id],
  'DELETE /v1/segments/:id': (_call, { id }) => ({ id, deleted: true, experiences: [] }),
};

const row = (name: string) => {
  const cell = screen.getByRole('link', { name });
  const tr = cell.closest('tr');
  if (!tr) throw new Error(`no row for ${name}`);
  return within(tr);
};

describe('the Segments tab', () => {
  it('lists each segment with its size and usage', async () => {
    renderApp('/segments', routes);
    await screen.findByRole('link', { name: 'Trial users' });
    expect(await row('Trial users').findByText('1,234')).toBeInTheDocument();
    expect(row('Trial users').getByText('2 experiences')).toBeInTheDocument();
    expect(row('Base users').getByText('No experience')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New Segment' })).toBeInTheDocument();
  });

  it('Delete lists the experiences affected, says which would target nobody, and confirms', async () => {
    const app = renderApp('/segments', routes);
    await screen.findByRole('link', { name: 'Trial users' });
    await app.user.click(row('Trial users').getByRole('button', { name: 'Delete' }));

    const dialog = await screen.findByRole('dialog', { name: 'Delete Trial users?' });
    const affected = await within(dialog).findByRole('list', { name: 'Experiences affected' });
    const items = within(affected).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Welcome tour — left with no segment: it will target nobody',
      'Upgrade banner',
    ]);
    expect(app.callsTo('DELETE', '/v1/segments/seg_trial')).toHaveLength(0);
    await app.user.click(within(dialog).getByRole('button', { name: 'Delete segment' }));
    await waitFor(() => expect(app.callsTo('DELETE', '/v1/segments/seg_trial')).toHaveLength(1));
    const [call] = app.callsTo('DELETE', '/v1/segments/seg_trial');
    expect(call.query.get('confirm')).toBe('true');
    expect(call.query.has('replaceWith')).toBe(false);
    expect(call.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });

  it('Delete offers "Replace with": the chosen segment goes in its place, none by default', async () => {
    const app = renderApp('/segments', routes);
    await screen.findByRole('link', { name: 'Trial users' });
    await app.user.click(row('Trial users').getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Trial users?' });
    const select = within(dialog).getByRole('combobox', { name: /Replace with/ });
    await waitFor(() => expect(select).toBeEnabled());
    expect(select).toHaveValue('');
    // Every other segment, never the deleted one.
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['No replacement', 'Base users']);
    await app.user.selectOptions(select, 'seg_base');
    expect(
      within(dialog).getByText(/deleting puts Base users in its place in their audience/),
    ).toBeInTheDocument();
    // With a replacement, no experience is left with no segment.
    expect(within(dialog).queryByText(/it will target nobody/)).toBeNull();
    await app.user.click(within(dialog).getByRole('button', { name: 'Delete segment' }));
    await waitFor(() => expect(app.callsTo('DELETE', '/v1/segments/seg_trial')).toHaveLength(1));
    const [call] = app.callsTo('DELETE', '/v1/segments/seg_trial');
    expect(call.query.get('confirm')).toBe('true');
    expect(call.query.get('replaceWith')).toBe('seg_base');
  });

  it('does not offer to delete a segment that other segments use', async () => {
    const app = renderApp('/segments', routes);
    await screen.findByRole('link', { name: 'Base users' });
    await app.user.click(row('Base users').getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Base users?' });
    expect(within(dialog).getByText(/Another segment uses this segment/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Delete segment' })).toBeNull();
  });

  it('shows a viewer no control that writes', async () => {
    renderApp('/segments', {
      ...routes,
      'GET /v1/auth/me': () => ({
        ...ME,
        workspaces: [{ id: 'ws_1', name: 'Acme', role: 'viewer' }],
      }),
    });
    await screen.findByRole('link', { name: 'Trial users' });
    expect(screen.queryByRole('link', { name: 'New Segment' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });
});
