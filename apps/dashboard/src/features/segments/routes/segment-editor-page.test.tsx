import type { SegmentRules } from '@seg/segment-engine';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Routes } from '../../../test/render-app';
import { renderApp } from '../../../test/render-app';
import { SAMPLE_CATALOG } from '../sample-catalog';

const RULES: SegmentRules = {
  type: 'group',
  operator: 'and',
  conditions: [
    { type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@acme.com' },
    { type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value: 3 },
    {
      type: 'group',
      operator: 'or',
      conditions: [
        {
          type: 'customAttribute',
          source: 'hubspot',
          key: 'lifecyclestage',
          operator: 'in',
          value: ['lead'],
        },
        {
          type: 'event',
          source: 'jimo',
          name: 'Created project',
          occurrence: { operator: 'atLeast', count: 2 },
          period: { type: 'last', amount: 30, unit: 'days' },
        },
      ],
    },
  ],
};

const SEGMENT = {
  id: 'seg_1',
  name: 'Engaged Acme users',
  description: 'Acme people who came back',
  rules: RULES,
  version: 3,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

function listing(usedBy: string[] = []): Routes {
  return {
    'GET /v1/segments': () => ({
      segments: [
        ...SAMPLE_CATALOG.segments.map((segment) => ({
          ...SEGMENT,
          ...segment,
          usedBy: [],
          referencedBy: [],
        })),
        { ...SEGMENT, usedBy, referencedBy: [] },
      ],
      nextCursor: null,
    }),
    'GET /v1/segments/seg_1': () => SEGMENT,
    'GET /v1/segments/:id/count': () => ({ count: 12 }),
    'GET /v1/segments/:id/history': () => ({ sizes: [], edits: [], changes: [], nextCursor: null }),
  };
}

const sideBarLink = (name: string) =>
  within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name });

describe('the segment editor', () => {
  it('says what time alone does to the saved segment in 24 hours and 7 days', async () => {
    renderApp('/segments/seg_1', {
      ...listing(),
      'GET /v1/segments/seg_1/forecast': () => ({
        asOf: '2026-12-01T10:00:00.000Z',
        timeDependent: true,
        next24h: { leave: 1, join: 0 },
        next7d: { leave: 1240, join: 3 },
        exact: false,
        candidates: 5000,
        evaluated: 2500,
      }),
    });
    const card = await screen.findByRole('region', { name: 'Forecast by time alone' });
    expect(
      await within(card).findByText('Next 24 hours: 1 member leaves, 0 users join.'),
    ).toBeInTheDocument();
    expect(within(card).getByText('Next 7 days: 1,240 members leave, 3 users join.')).toBeTruthy();
    expect(within(card).getByText('estimate')).toBeTruthy();
    expect(within(card).getByText(/Estimated from 2,500 of 5,000 users/)).toBeTruthy();
  });

  it('asks for the warnings of the draft and shows each beside the filter it names', async () => {
    const app = renderApp('/segments/seg_1', {
      ...listing(),
      'POST /v1/segments/validate': () => ({
        valid: true,
        errors: [],
        warnings: [
          {
            path: 'rules.conditions[2].conditions[0]',
            code: 'unseenValue',
            message: "no user has this value of lifecyclestage (hubspot): 'lead' has 0 users",
          },
        ],
      }),
    });
    const warning = await screen.findByText(/^Warning: no user has this value of lifecyclestage/);
    expect(
      within(screen.getByRole('group', { name: 'Filter 3.1' })).getByText(warning.textContent!),
    ).toBeTruthy();
    const [check] = app.callsTo('POST', '/v1/segments/validate');
    // The segment being edited is named, so that its own cycles count.
    expect(check.body).toEqual({ rules: RULES, segmentId: 'seg_1' });
  });

  it('saves a loaded segment unchanged as the same rules JSON, with the session headers', async () => {
    const app = renderApp('/segments/seg_1', {
      ...listing(),
      'PUT /v1/segments/seg_1': (call) => ({ ...SEGMENT, ...(call.body as object), version: 4 }),
    });
    const save = await screen.findByRole('button', { name: 'Save' });
    await waitFor(() => expect(save).toBeEnabled());
    await app.user.click(save);

    await waitFor(() => expect(app.router.state.location.pathname).toBe('/segments'));
    const [put] = app.callsTo('PUT', '/v1/segments/seg_1');
    expect(put.body).toEqual({
      name: SEGMENT.name,
      description: SEGMENT.description,
      rules: RULES,
    });
    expect(put.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(put.headers.get('X-Workspace-Id')).toBe('ws_1');
    expect(put.credentials).toBe('same-origin');
    // Reads name the workspace too, and carry no CSRF token.
    const [read] = app.callsTo('GET', '/v1/segments/seg_1');
    expect(read.headers.get('X-Workspace-Id')).toBe('ws_1');
    expect(read.headers.get('X-CSRF-Token')).toBeNull();
  });

  it('shows each 400 detail next to the field or filter its path names', async () => {
    const app = renderApp('/segments/seg_1', {
      ...listing(),
      'PUT /v1/segments/seg_1': () => ({
        status: 400,
        body: {
          error: 'ValidationError',
          message: 'The segment is not valid.',
          details: [
            { path: 'name', message: 'a segment with this name exists' },
            { path: 'rules.conditions[1].value', message: 'must be a number' },
            { path: 'rules.conditions[2].conditions[1].occurrence.count', message: 'must be ≥ 1' },
          ],
        },
      }),
    });
    const save = await screen.findByRole('button', { name: 'Save' });
    await waitFor(() => expect(save).toBeEnabled());
    await app.user.click(save);

    const second = await screen.findByRole('group', { name: 'Filter 2' });
    expect(within(second).getByText(/must be a number/)).toBeInTheDocument();
    const nested = screen.getByRole('group', { name: 'Filter 3.2' });
    expect(within(nested).getByText(/must be ≥ 1/)).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Filter 1' })).queryByText(/must be/),
    ).toBeNull();
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveAccessibleDescription(
      /a segment with this name exists/,
    );
    expect(app.router.state.location.pathname).toBe('/segments/seg_1');
  });

  it('says that saving applies to the experiences using the segment, and asks first', async () => {
    const app = renderApp('/segments/seg_1', {
      ...listing(['exp_onboarding_tour']),
      'GET /v1/experiences/:id': (_call, { id }) => ({
        ...SAMPLE_CATALOG.experiences.find((experience) => experience.id === id),
        audience: { mode: 'segments', segmentIds: ['seg_1'] },
      }),
      'PUT /v1/segments/seg_1': () => SEGMENT,
    });
    expect(await screen.findByText('Used by 1 experience')).toBeInTheDocument();
    const save = screen.getByRole('button', { name: 'Save' });
    await waitFor(() => expect(save).toBeEnabled());
    await app.user.click(save);

    const dialog = await screen.findByRole('dialog', {
      name: 'Save for every experience using it?',
    });
    const tour = SAMPLE_CATALOG.experiences.find((e) => e.id === 'exp_onboarding_tour');
    expect(await within(dialog).findByText(tour?.name ?? '')).toBeInTheDocument();
    expect(app.callsTo('PUT', '/v1/segments/seg_1')).toHaveLength(0);
    await app.user.click(within(dialog).getByRole('button', { name: 'Save for all' }));
    await waitFor(() => expect(app.callsTo('PUT', '/v1/segments/seg_1')).toHaveLength(1));
  });

  it('asks before leaving with unsaved changes, and stays when asked to', async () => {
    const app = renderApp('/segments/new', listing());
    const name = await screen.findByRole('textbox', { name: /^Name/ });
    await app.user.type(name, 'Power users');
    await app.user.click(sideBarLink('Users & Segments'));

    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await app.user.click(within(dialog).getByRole('button', { name: 'Stay' }));
    expect(app.router.state.location.pathname).toBe('/segments/new');
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveValue('Power users');

    await app.user.click(sideBarLink('Users & Segments'));
    await app.user.click(
      within(await screen.findByRole('dialog', { name: 'Leave without saving?' })).getByRole(
        'button',
        { name: 'Leave' },
      ),
    );
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/users'));
  });

  it('Apply filters previews the unsaved rules without saving; an estimate shows its progress', async () => {
    const app = renderApp('/segments/seg_1', {
      ...listing(),
      'POST /v1/segments/preview': () => ({
        count: 4200,
        exact: false,
        scanned: 0.25,
        interval: [3900, 4500],
        countId: 'cnt_1',
        users: [
          { userId: 'u1', name: 'Grace Hopper', email: 'grace@acme.com', lastActivityAt: null },
        ],
        nextCursor: null,
      }),
      'GET /v1/segments/counts/cnt_1': () => ({
        status: 'running',
        scanned: 0.5,
        count: 4300,
        exact: false,
      }),
    });
    await screen.findByRole('group', { name: 'Filter 1' });
    await app.user.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(await screen.findByText('Grace Hopper')).toBeInTheDocument();
    expect(screen.getByTestId('preview-count')).toHaveTextContent(/^About 4,[23]00 users match/);
    expect(screen.getByRole('progressbar', { name: 'Counting progress' })).toBeInTheDocument();
    const [preview] = app.callsTo('POST', '/v1/segments/preview');
    expect(preview.body).toMatchObject({ rules: RULES });
    expect(
      app.calls.some(
        (call) => call.method === 'PUT' || (call.method === 'POST' && call.path === '/v1/segments'),
      ),
    ).toBe(false);
  });

  it('shows the 400 details of Apply filters next to their filter too', async () => {
    const app = renderApp('/segments/seg_1', {
      ...listing(),
      'POST /v1/segments/preview': () => ({
        status: 400,
        body: {
          error: 'ValidationError',
          message: 'The rules are not valid.',
          details: [{ path: 'rules.conditions[0].value', message: 'must not be empty' }],
        },
      }),
    });
    await screen.findByRole('group', { name: 'Filter 1' });
    await app.user.click(screen.getByRole('button', { name: 'Apply filters' }));
    const first = screen.getByRole('group', { name: 'Filter 1' });
    expect(await within(first).findByText(/must not be empty/)).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The rules are not valid.');
  });
});
