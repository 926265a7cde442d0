import { formatDateTime } from '../../../app/format';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, type Routes } from '../../../test/render-app';

const PROFILE = {
  userId: 'user_1',
  name: 'Ada Lovelace',
  email: 'ada@acme.com',
  createdAt: '2026-01-02T10:00:00.000Z',
  lastActivityAt: '2026-11-30T10:00:00.000Z',
  sessions: 14,
  tags: ['beta'],
  custom: { sdk: { plan: 'pro', company: { size: 40 } }, hubspot: { lifecyclestage: 'lead' } },
  interactions: [],
  experiences: {
    seen: ['exp_tour'],
    completed: [],
    // The summary's tokens: "answered anything" and "answered this value".
    answers: ['["exp_tour","q1"]', '["exp_tour","q1","Very useful"]'],
  },
  segments: [{ id: 'seg_1', name: 'Pro plans' }],
};

const routes: Routes = {
  'GET /v1/users/user_1': () => PROFILE,
  'GET /v1/users/user_1/events': () => ({
    events: [
      {
        source: 'jimo',
        name: 'Report Exported',
        timestamp: '2026-11-30T10:00:00.000Z',
        properties: { format: 'csv' },
      },
      {
        source: 'segment',
        name: 'Invoice Paid',
        timestamp: '2026-11-29T10:00:00.000Z',
        properties: {},
      },
    ],
  }),
  'GET /v1/experiences/exp_tour': () => ({ id: 'exp_tour', name: 'Welcome tour' }),
  'POST /v1/users/user_1/tags': () => ({ tags: ['beta', 'vip'] }),
  'GET /v1/segments/seg_1/users/user_1': () => ({
    member: true,
    explanation: {
      type: 'group',
      operator: 'and',
      result: true,
      conditions: [
        {
          type: 'customAttribute',
          condition: {
            type: 'customAttribute',
            source: 'sdk',
            key: 'plan',
            operator: 'equals',
            value: 'pro',
          },
          result: true,
          actual: 'pro',
        },
        {
          type: 'attribute',
          condition: {
            type: 'attribute',
            attribute: 'lastActivityAt',
            operator: 'withinLast',
            value: { amount: 7, unit: 'days' },
          },
          result: true,
          actual: '2026-11-29T10:00:00.000Z',
          changesAt: '2026-12-06T10:00:00.000Z',
        },
      ],
    },
    nextChangeAt: '2026-12-06T10:00:00.000Z',
  }),
};

describe('the user page', () => {
  it('shows attributes, custom attributes by source, tags, experiences and segments with why', async () => {
    const app = renderApp('/users/user_1', routes);
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeInTheDocument();
    const sdk = screen.getByRole('table', { name: 'SDK' });
    expect(within(sdk).getByText('company.size')).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'HubSpot' })).getByText('lead'),
    ).toBeInTheDocument();
    // Answers as "experience · step: answer", never the summary's raw tokens.
    expect(await screen.findByText('Welcome tour · q1: Very useful')).toBeInTheDocument();
    expect(screen.queryByText(/\["exp_tour"/)).toBeNull();
    // Experiences by name, linking to their page.
    expect(await screen.findByRole('link', { name: 'Welcome tour' })).toHaveAttribute(
      'href',
      '/experiences/exp_tour',
    );
    // Recent events, newest first, with their source and properties.
    const events = await screen.findByRole('table', { name: 'Recent events' });
    const rows = within(events).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual([
      'Report Exported',
      'Invoice Paid',
    ]);
    expect(within(rows[1]).getByText('Segment.io Events')).toBeInTheDocument();
    expect(within(rows[0]).getByText('{"format":"csv"}')).toBeInTheDocument();
    expect(app.callsTo('GET', '/v1/users/user_1/events')[0].query.get('limit')).toBe('20');

    await app.user.click(screen.getByRole('button', { name: 'Why in Pro plans' }));
    const dialog = await screen.findByRole('dialog', { name: 'Why Ada Lovelace is in Pro plans' });
    // Each condition as a sentence with the value it was decided on, and until when.
    expect(await within(dialog).findByText("SDK plan is 'pro'")).toBeInTheDocument();
    expect(within(dialog).getByText(/— value pro/)).toBeInTheDocument();
    expect(within(dialog).getByText('Last activity within the last 7 days')).toBeInTheDocument();
    const until = `Leaves on ${formatDateTime('2026-12-06T10:00:00.000Z')}`;
    expect(
      within(dialog).getByText(
        `${until}, when “Last activity within the last 7 days” stops holding (with no new data).`,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        new RegExp(`turns false on ${formatDateTime('2026-12-06T10:00:00.000Z')}`),
      ),
    ).toBeInTheDocument();
  });

  it('adds a tag through the API', async () => {
    const app = renderApp('/users/user_1', routes);
    await app.user.type(await screen.findByRole('textbox', { name: 'Add tag' }), 'vip');
    await app.user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(app.callsTo('POST', '/v1/users/user_1/tags')).toHaveLength(1));
    const [call] = app.callsTo('POST', '/v1/users/user_1/tags');
    expect(call.body).toEqual({ tags: ['vip'] });
    expect(call.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });
});
