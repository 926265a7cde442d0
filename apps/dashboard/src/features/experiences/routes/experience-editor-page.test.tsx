import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app';
import { EXPERIENCES, experienceRoutes, ok } from './experiences.test-fixtures';

const section = async (name: string) => within(await screen.findByRole('region', { name }));

describe('a new experience', () => {
  it('takes a name, a type, message and question steps with options, and Specific users', async () => {
    const app = renderApp(
      '/experiences/new',
      experienceRoutes({
        'POST /v1/experiences': (call) => ({
          status: 201,
          body: {
            ...EXPERIENCES.exp_tour,
            ...(call.body as object),
            id: 'exp_new',
            status: 'draft',
          },
        }),
        'GET /v1/experiences/:id': (_call, { id }) =>
          ok(
            id === 'exp_new'
              ? { ...EXPERIENCES.exp_tour, id: 'exp_new', name: 'NPS', status: 'draft' }
              : EXPERIENCES[id as keyof typeof EXPERIENCES],
          ),
      }),
    );
    await app.user.type(await screen.findByRole('textbox', { name: 'Name' }), 'NPS');
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'Survey');
    const first = within(screen.getByRole('group', { name: 'Step 1' }));
    await app.user.type(first.getByRole('textbox', { name: 'Message' }), 'Two questions');

    await app.user.click(screen.getByRole('button', { name: 'Add question step' }));
    const second = within(screen.getByRole('group', { name: 'Step 2' }));
    await app.user.type(second.getByRole('textbox', { name: 'Question' }), 'How useful?');
    await app.user.type(second.getByRole('textbox', { name: 'Option 1' }), 'Very');
    await app.user.type(second.getByRole('textbox', { name: 'Option 2' }), 'Not at all');
    await app.user.click(second.getByRole('button', { name: 'Add option' }));
    await app.user.type(second.getByRole('textbox', { name: 'Option 3' }), 'Somewhat');

    // Who: Specific users by default, nobody until a segment is chosen.
    const audience = await section('Audience');
    expect(audience.getByRole('radio', { name: 'Specific users' })).toBeChecked();
    expect(audience.getByRole('status')).toHaveTextContent('Targets nobody');
    await app.user.type(audience.getByRole('textbox', { name: 'Search segments' }), 'tri');
    expect(await audience.findByRole('checkbox', { name: /Trial users/ })).toBeInTheDocument();
    expect(audience.queryByRole('checkbox', { name: /Admins/ })).toBeNull();
    expect(await audience.findByText('3 users')).toBeInTheDocument();
    await app.user.click(audience.getByRole('checkbox', { name: /Trial users/ }));
    await app.user.clear(audience.getByRole('textbox', { name: 'Search segments' }));
    await app.user.click(await audience.findByRole('checkbox', { name: /Admins/ }));
    expect(audience.getByText('2 selected')).toBeInTheDocument();

    // The combined reach, and what each segment adds when they overlap (u3 is in both).
    const reach = within(screen.getByRole('region', { name: 'Reach' }));
    expect(await reach.findByText(/^4 users/)).toBeInTheDocument();
    const adds = within(await reach.findByRole('table', { name: 'What each segment adds' }));
    await waitFor(() =>
      expect(adds.getAllByRole('row').map((tr) => tr.textContent)).toEqual([
        'SegmentSizeAdds',
        'Trial users3 users+2',
        'Admins2 users+1',
      ]),
    );
    expect(reach.getByText(/1 user is in more than one selected segment/)).toBeInTheDocument();
    const asked = app.callsTo('POST', '/v1/segments/preview').map((call) => call.body);
    expect(asked).toContainEqual({
      rules: {
        type: 'group',
        operator: 'or',
        conditions: [
          { type: 'segment', segmentId: 'seg_trial', operator: 'in' },
          { type: 'segment', segmentId: 'seg_admins', operator: 'in' },
        ],
      },
      limit: 1,
    });

    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(app.callsTo('POST', '/v1/experiences')).toHaveLength(1));
    const [call] = app.callsTo('POST', '/v1/experiences');
    expect(call.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(call.body).toEqual({
      name: 'NPS',
      type: 'survey',
      steps: [
        { id: 'step-1', kind: 'message', text: 'Two questions' },
        {
          id: 'step-2',
          kind: 'question',
          question: 'How useful?',
          options: ['Very', 'Not at all', 'Somewhat'],
        },
      ],
      audience: { mode: 'segments', segmentIds: ['seg_trial', 'seg_admins'] },
    });
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/experiences/exp_new'));
  });

  it("shows a 400's details next to the field they name", async () => {
    const app = renderApp(
      '/experiences/new',
      experienceRoutes({
        'POST /v1/experiences': () => ({
          status: 400,
          body: {
            error: 'ValidationError',
            message: 'Invalid request body',
            details: [{ path: 'body.steps[0].text', message: 'Too big: at most 2000 characters' }],
          },
        }),
      }),
    );
    await app.user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Long');
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The experience was not saved');
    const step = within(screen.getByRole('group', { name: 'Step 1' }));
    expect(step.getByText('Too big: at most 2000 characters')).toBeInTheDocument();
  });
});

describe('an existing experience', () => {
  it('Publish to All users asks first; Cancel publishes nothing', async () => {
    let status = 'draft';
    const app = renderApp(
      '/experiences/exp_banner',
      experienceRoutes({
        'GET /v1/experiences/:id': () => ok({ ...EXPERIENCES.exp_banner, status }),
        'POST /v1/experiences/:id/publish': () => {
          status = 'published';
          return ok({ ...EXPERIENCES.exp_banner, status });
        },
      }),
    );
    await app.user.click(await screen.findByRole('button', { name: 'Publish' }));
    const dialog = await screen.findByRole('dialog', { name: 'Show to all users?' });
    expect(
      await within(dialog).findByText(/every user of the workspace \(10 users\)/),
    ).toBeVisible();
    await app.user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(app.callsTo('POST', '/v1/experiences/exp_banner/publish')).toHaveLength(0);

    await app.user.click(screen.getByRole('button', { name: 'Publish' }));
    await app.user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Publish to all users',
      }),
    );
    await waitFor(() =>
      expect(app.callsTo('POST', '/v1/experiences/exp_banner/publish')).toHaveLength(1),
    );
    expect(await screen.findByRole('button', { name: 'Unpublish' })).toBeInTheDocument();
  });

  it('publishes to segments without asking; unpublishes', async () => {
    let status = 'draft';
    const app = renderApp(
      '/experiences/exp_tour',
      experienceRoutes({
        'GET /v1/experiences/:id': () => ok({ ...EXPERIENCES.exp_tour, status }),
        'POST /v1/experiences/:id/publish': () => {
          status = 'published';
          return ok({ ...EXPERIENCES.exp_tour, status });
        },
        'POST /v1/experiences/:id/unpublish': () => {
          status = 'draft';
          return ok({ ...EXPERIENCES.exp_tour, status });
        },
      }),
    );
    await app.user.click(await screen.findByRole('button', { name: 'Publish' }));
    await app.user.click(await screen.findByRole('button', { name: 'Unpublish' }));
    expect(await screen.findByRole('button', { name: 'Publish' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(app.callsTo('POST', '/v1/experiences/exp_tour/unpublish')).toHaveLength(1);
  });

  it('switching a published experience to All users asks before saving', async () => {
    const app = renderApp(
      '/experiences/exp_tour',
      experienceRoutes({
        'PUT /v1/experiences/:id': (call) => ({
          ...EXPERIENCES.exp_tour,
          ...(call.body as object),
        }),
      }),
    );
    const audience = await section('Audience');
    await app.user.click(await audience.findByRole('radio', { name: 'All users' }));
    expect(audience.queryByRole('region', { name: 'Segment picker' })).toBeNull();
    expect(await screen.findByText(/^10 users/)).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Show to all users?' });
    expect(app.callsTo('PUT', '/v1/experiences/exp_tour')).toHaveLength(0);
    await app.user.click(within(dialog).getByRole('button', { name: 'Save for all users' }));
    await waitFor(() => expect(app.callsTo('PUT', '/v1/experiences/exp_tour')).toHaveLength(1));
    expect(app.callsTo('PUT', '/v1/experiences/exp_tour')[0].body).toMatchObject({
      audience: { mode: 'all' },
    });
    // Back to Specific users: the segments ticked before are still there.
    await app.user.click(audience.getByRole('radio', { name: 'Specific users' }));
    expect(await audience.findByRole('checkbox', { name: /Trial users/ })).toBeChecked();
    expect(audience.getByRole('checkbox', { name: /Admins/ })).toBeChecked();
  });

  it('says an experience left with no segment targets nobody', async () => {
    renderApp('/experiences/exp_orphan', experienceRoutes());
    expect(
      await screen
        .findByRole('status', { name: '' })
        .catch(() => screen.findByText(/targets nobody/)),
    ).toBeInTheDocument();
    expect(await screen.findByText('This experience targets nobody')).toBeInTheDocument();
    expect(screen.getByText(/no user sees it although it is published/)).toBeInTheDocument();
  });

  it('shows who saw, completed and answered, and the answers of each question', async () => {
    renderApp(
      '/experiences/exp_orphan',
      experienceRoutes({
        'GET /v1/experiences/:id/stats': () => ({
          experienceId: 'exp_orphan',
          users: { seen: 40, completed: 10, answered: 20 },
          questions: [
            {
              stepId: 'q1',
              question: 'Useful?',
              answered: 20,
              answers: [
                { value: 'Yes', users: 15 },
                { value: 'No', users: 5 },
              ],
            },
          ],
        }),
      }),
    );
    const results = within(await screen.findByRole('region', { name: 'Results' }));
    expect(await results.findByRole('group', { name: 'Saw it' })).toHaveTextContent('40');
    expect(results.getByRole('group', { name: 'Completed' })).toHaveTextContent(
      '1025% of those who saw it',
    );
    expect(results.getByRole('group', { name: 'Answered' })).toHaveTextContent('2050%');
    const answers = within(results.getByRole('list', { name: 'Distribution of Useful?' }));
    expect(answers.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Yes15 · 75%',
      'No5 · 25%',
    ]);
  });

  it('is read-only for a viewer', async () => {
    renderApp('/experiences/exp_tour', {
      ...experienceRoutes(),
      'GET /v1/auth/me': () => ({
        account: { id: 'acc_2', email: 'v@acme.com', name: 'Viewer' },
        workspaces: [{ id: 'ws_1', name: 'Acme', role: 'viewer' }],
        csrfToken: 'csrf-2',
      }),
    });
    expect(await screen.findByRole('textbox', { name: 'Name' })).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Unpublish' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add question step' })).toBeNull();
    expect(await screen.findByRole('checkbox', { name: /Trial users/ })).toBeDisabled();
  });
});
