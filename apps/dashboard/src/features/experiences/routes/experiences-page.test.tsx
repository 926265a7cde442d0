import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app';
import { experienceRoutes } from './experiences.test-fixtures';

const row = (name: string) => {
  const tr = screen.getByRole('link', { name }).closest('tr');
  if (!tr) throw new Error(`no row for ${name}`);
  return within(tr);
};

describe('the Experiences page', () => {
  it('lists each experience with its type, status, audience and reach', async () => {
    renderApp('/experiences', experienceRoutes());
    await screen.findByRole('link', { name: 'Welcome tour' });
    const table = screen.getByRole('table', { name: 'Experiences' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Name', 'Type', 'Status', 'Audience', 'Reach']);

    expect(row('Welcome tour').getByText('Tour')).toBeInTheDocument();
    expect(row('Welcome tour').getByText('Published')).toBeInTheDocument();
    expect(await row('Welcome tour').findByText('Trial users or Admins')).toBeInTheDocument();
    // Users in at least one of the two segments: u1, u2, u3, u4 (u3 is in both).
    expect(await row('Welcome tour').findByText('4 users')).toBeInTheDocument();

    expect(row('Maintenance banner').getByText('All users')).toBeInTheDocument();
    expect(row('Maintenance banner').getByText('Draft')).toBeInTheDocument();
    expect(await row('Maintenance banner').findByText('10 users')).toBeInTheDocument();

    // Its last segment was deleted: it says it targets nobody, never everyone.
    expect(row('Old survey').getByText('Targets nobody: no segment')).toBeInTheDocument();
    expect(row('Old survey').getByText('0 users')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New experience' })).toBeInTheDocument();
  });

  it('shows an estimate as such', async () => {
    renderApp(
      '/experiences',
      experienceRoutes({
        'POST /v1/segments/preview': () => ({
          count: 12_000,
          exact: false,
          scanned: 0.4,
          interval: [11_500, 12_600],
          countId: 'cnt_1',
          users: [],
          nextCursor: null,
        }),
      }),
    );
    await screen.findByRole('link', { name: 'Welcome tour' });
    expect(
      await row('Welcome tour').findByText(
        'About 12,000 users (estimate, 95% between 11,500 and 12,600)',
      ),
    ).toBeInTheDocument();
  });

  it("shows the API's message when the list fails, and an empty state", async () => {
    renderApp(
      '/experiences',
      experienceRoutes({
        'GET /v1/experiences': () => ({
          status: 503,
          body: { error: 'Unavailable', message: 'The experiences service is not answering' },
        }),
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The experiences service is not answering',
    );
  });

  it('offers no New experience to a viewer', async () => {
    renderApp('/experiences', {
      ...experienceRoutes({ 'GET /v1/experiences': () => ({ experiences: [], nextCursor: null }) }),
      'GET /v1/auth/me': () => ({
        account: { id: 'acc_2', email: 'v@acme.com', name: 'Viewer' },
        workspaces: [{ id: 'ws_1', name: 'Acme', role: 'viewer' }],
        csrfToken: 'csrf-2',
      }),
    });
    expect(await screen.findByText('No experience yet')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'New experience' })).toBeNull();
  });
});
