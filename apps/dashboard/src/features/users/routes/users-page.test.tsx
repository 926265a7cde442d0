import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, type Routes } from '../../../test/render-app';

const user = (n: number) => ({
  userId: `user_${n}`,
  name: `User ${n}`,
  email: `user${n}@acme.com`,
  lastActivityAt: '2026-11-30T10:00:00.000Z',
});

const routes: Routes = {
  // Two pages: the second only with the first page's cursor.
  'GET /v1/users': (call) =>
    call.query.get('cursor') === 'page-2'
      ? { items: [user(3)], nextCursor: null }
      : { items: [user(1), user(2)], nextCursor: 'page-2' },
  'GET /v1/segments': () => ({ segments: [], nextCursor: null }),
  'POST /v1/segments/preview': () => ({
    count: 1,
    exact: true,
    users: [user(2)],
    nextCursor: null,
  }),
};

describe('the Users tab', () => {
  it('pages through the API with its cursor, a page at a time', async () => {
    const app = renderApp('/users', routes);
    const table = await screen.findByRole('table', { name: 'Users' });
    expect(within(table).getByRole('link', { name: 'User 1' })).toBeInTheDocument();
    expect(app.callsTo('GET', '/v1/users')[0].query.get('limit')).toBe('50');

    const pager = within(screen.getByRole('navigation', { name: 'Users pages' }));
    await app.user.click(pager.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'User 3' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'User 1' })).toBeNull();
    expect(app.callsTo('GET', '/v1/users').at(-1)?.query.get('cursor')).toBe('page-2');
    expect(pager.getByRole('button', { name: 'Next' })).toBeDisabled();

    await app.user.click(pager.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByRole('link', { name: 'User 1' })).toBeInTheDocument();
  });

  it('filters, collapsed at first, list the matching users; Save as segment takes them along', async () => {
    const app = renderApp('/users', routes);
    await screen.findByRole('table', { name: 'Users' });
    expect(screen.queryByRole('button', { name: 'Apply filters' })).toBeNull();
    await app.user.click(screen.getByRole('button', { name: 'Filters' }));
    await screen.findByRole('group', { name: 'Filters' });
    await app.user.click(screen.getByRole('button', { name: 'Add filter' }));
    await app.user.click(screen.getByRole('button', { name: 'Apply filters' }));

    const matching = await screen.findByRole('table', { name: 'Users matching the filters' });
    expect(within(matching).getByRole('link', { name: 'User 2' })).toBeInTheDocument();
    expect(screen.getByTestId('preview-count')).toHaveTextContent('1 user matches');
    const sent = app.callsTo('POST', '/v1/segments/preview')[0].body as {
      rules: { conditions: unknown[] };
    };
    expect(sent.rules.conditions).toHaveLength(1);

    await app.user.click(screen.getByRole('button', { name: 'Save as segment' }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/segments/new'));
    // Queried afresh each time: the editor may render its builder again once its data is in
    // (a found element can be detached by then; failed once under load).
    await waitFor(() =>
      expect(screen.getByRole('group', { name: 'Filter 1' })).toBeInTheDocument(),
    );
  });
});
