import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app';
import { experienceRoutes, ok, overlapOfBody } from './experiences.test-fixtures';

const audienceSection = async () => within(await screen.findByRole('region', { name: 'Audience' }));

/** The picker's row of one segment (its checkbox, size and what it adds). */
const rowOf = (audience: ReturnType<typeof within>, name: RegExp) =>
  within(audience.getByRole('checkbox', { name }).closest('[role="listitem"]') as HTMLElement);

describe('the Audience step: what each segment adds, and the overlap', () => {
  it('shows what each selected segment adds and the other published experiences it overlaps', async () => {
    const app = renderApp('/experiences/new', experienceRoutes());
    const audience = await audienceSection();
    await app.user.click(await audience.findByRole('checkbox', { name: /Trial users/ }));
    await app.user.click(audience.getByRole('checkbox', { name: /Churn risk/ }));

    // Trial users {u1,u2,u3}, Churn risk {u9}: nothing shared, each adds all of its members.
    await waitFor(() =>
      expect(rowOf(audience, /Trial users/).getByText('adds 3 on its own')).toBeInTheDocument(),
    );
    expect(rowOf(audience, /Churn risk/).getByText('adds 1 on its own')).toBeInTheDocument();
    expect(rowOf(audience, /Admins/).queryByText(/on its own/)).toBeNull();
    const overlap = within(
      await screen.findByRole('region', { name: 'Overlap with other experiences' }),
    );
    // Welcome tour (published: Trial users or Admins) reaches u1–u3 of these 4 users;
    // Old survey (published, no segment) reaches nobody and is not listed.
    expect(overlap.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Welcome tour — 3 users (75%)',
    ]);
    expect(overlap.getByText(/Of 4 users in this audience/)).toBeInTheDocument();

    // Refreshed when the selection changes: Admins shares u3 with Trial users.
    await app.user.click(audience.getByRole('checkbox', { name: /Admins/ }));
    await waitFor(() =>
      expect(rowOf(audience, /Trial users/).getByText('adds 2 on its own')).toBeInTheDocument(),
    );
    expect(rowOf(audience, /Admins/).getByText('adds 1 on its own')).toBeInTheDocument();
    await waitFor(() =>
      expect(overlap.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
        'Welcome tour — 4 users (80%)',
      ]),
    );
    expect(app.callsTo('POST', '/v1/experiences/audience-overlap').at(-1)?.body).toEqual({
      audience: { mode: 'segments', segmentIds: ['seg_trial', 'seg_churn', 'seg_admins'] },
    });
  });

  it('leaves the experience itself out, and says when the figures are estimates', async () => {
    const app = renderApp(
      '/experiences/exp_tour',
      experienceRoutes({
        'POST /v1/experiences/audience-overlap': (call) => {
          const { body } = overlapOfBody(call) as { body: Record<string, unknown> };
          return ok({
            ...body,
            status: 'computing',
            progress: 0.4,
            pending: ['seg_admins'],
            estimated: true,
          });
        },
      }),
    );
    const overlap = within(
      await screen.findByRole('region', { name: 'Overlap with other experiences' }),
    );
    expect(
      overlap.getByText('No other published experience reaches these users.'),
    ).toBeInTheDocument();
    expect(overlap.getByRole('status')).toHaveTextContent(
      'Estimated: a segment is being recomputed (40% done)',
    );
    expect(app.callsTo('POST', '/v1/experiences/audience-overlap')[0].body).toEqual({
      audience: { mode: 'segments', segmentIds: ['seg_trial', 'seg_admins'] },
      experienceId: 'exp_tour',
    });
  });

  it('while the memberships are still being read (counting), shows no figure', async () => {
    renderApp(
      '/experiences/exp_tour',
      experienceRoutes({
        'POST /v1/experiences/audience-overlap': (call) => {
          const { body } = overlapOfBody(call) as { body: Record<string, unknown> };
          return ok({ ...body, status: 'counting', estimated: true, total: 0 });
        },
      }),
    );
    const audience = await audienceSection();
    expect(await screen.findByText('Counting the overlap…')).toBeInTheDocument();
    expect(audience.queryByText(/on its own/)).toBeNull();
    expect(screen.queryByRole('region', { name: 'Overlap with other experiences' })).toBeNull();
  });
});
