import type { SegmentRules } from '@seg/segment-engine';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app';

const RULES: SegmentRules = {
  type: 'group',
  operator: 'and',
  conditions: [
    { type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value: 3 },
    { type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@acme.com' },
    {
      type: 'group',
      operator: 'or',
      conditions: [
        { type: 'attribute', attribute: 'tags', operator: 'contains', value: 'vip' },
        { type: 'attribute', attribute: 'name', operator: 'equals', value: 'Ada' },
      ],
    },
  ],
};

const SEGMENT = {
  id: 'seg_1',
  name: 'Engaged Acme users',
  rules: RULES,
  version: 1,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

function countsAnswer(exact: boolean) {
  return {
    users: 5000,
    exact,
    scanned: exact ? 1 : 0.25,
    asOf: '2026-12-01T10:00:00.000Z',
    emptiedBy: 'rules.conditions[1]',
    filters: [
      { path: 'rules', kind: 'group', count: 0, runningTotal: 0 },
      { path: 'rules.conditions[0]', kind: 'condition', count: 1240, runningTotal: 1240 },
      { path: 'rules.conditions[1]', kind: 'condition', count: 310, runningTotal: 0 },
      { path: 'rules.conditions[2]', kind: 'group', count: 1, runningTotal: 0 },
      { path: 'rules.conditions[2].conditions[0]', kind: 'condition', count: 1, runningTotal: 1 },
      { path: 'rules.conditions[2].conditions[1]', kind: 'condition', count: 0, runningTotal: 1 },
    ],
  };
}

function routes(exact = true) {
  return {
    'GET /v1/segments': () => ({ segments: [], nextCursor: null }),
    'GET /v1/segments/seg_1': () => SEGMENT,
    'GET /v1/segments/:id/count': () => ({ count: 0 }),
    'GET /v1/segments/:id/history': () => ({ sizes: [], edits: [], changes: [], nextCursor: null }),
    'POST /v1/segments/preview': () => ({
      count: 0,
      exact: true,
      scanned: 1,
      users: [],
      nextCursor: null,
      warnings: [],
    }),
    'POST /v1/segments/filter-counts': () => countsAnswer(exact),
  };
}

const filter = (position: string) =>
  within(screen.getByRole('group', { name: `Filter ${position}` }));

describe('the builder: a count beside every filter and group', () => {
  it('asks for the counts with Apply filters and shows each beside its filter or group', async () => {
    const app = renderApp('/segments/seg_1', routes());
    const apply = await screen.findByRole('button', { name: 'Apply filters' });
    await screen.findByRole('group', { name: 'Filter 1' });
    // Nothing is counted before Apply filters.
    expect(app.callsTo('POST', '/v1/segments/filter-counts')).toHaveLength(0);
    expect(screen.queryByLabelText(/^Matches /)).toBeNull();

    await app.user.click(apply);
    expect(await filter('1').findByLabelText('Matches 1,240 users')).toHaveTextContent(
      '1,240 users',
    );
    const [call] = app.callsTo('POST', '/v1/segments/filter-counts');
    expect(call.body).toEqual({ rules: RULES });
    expect(filter('2').getByLabelText('Matches 310 users')).toBeTruthy();
    // From the second item on, the running total of its group.
    expect(
      filter('2').getByLabelText('Together with the filters before it: 0 users'),
    ).toHaveTextContent('→ 0 together');
    expect(filter('1').queryByLabelText(/^Together/)).toBeNull();
    expect(filter('3.1').getByLabelText('Matches 1 user')).toHaveTextContent('1 user');
    expect(filter('3.2').getByLabelText('Matches 0 users')).toBeTruthy();
    // Groups have theirs, the root (the whole segment) included.
    const group3 = within(screen.getByRole('group', { name: 'Group 3' }));
    expect(group3.getAllByLabelText('Matches 1 user')[0]).toBeTruthy();
    const root = screen.getByRole('group', { name: 'Filters' });
    expect(within(root).getAllByLabelText('Matches 0 users').length).toBeGreaterThan(0);

    // The pointer at the filter that empties the segment: there and nowhere else.
    expect(filter('2').getByText('Empties the segment')).toBeTruthy();
    expect(screen.getAllByText('Empties the segment')).toHaveLength(1);
  });

  it('marks estimates with ≈ and says so to screen readers', async () => {
    const app = renderApp('/segments/seg_1', routes(false));
    await app.user.click(await screen.findByRole('button', { name: 'Apply filters' }));
    expect(
      await filter('1').findByLabelText('Matches about 1,240 users (estimate)'),
    ).toHaveTextContent('≈ 1,240 users');
    expect(
      filter('2').getByLabelText('Together with the filters before it: about 0 users (estimate)'),
    ).toHaveTextContent('→ ≈ 0 together');
  });

  it('hides the counts once the filters change, until Apply filters again', async () => {
    const app = renderApp('/segments/seg_1', routes());
    await app.user.click(await screen.findByRole('button', { name: 'Apply filters' }));
    await filter('1').findByLabelText('Matches 1,240 users');
    await app.user.click(screen.getByRole('button', { name: 'Remove filter 1' }));
    await waitFor(() => expect(screen.queryByLabelText(/^Matches /)).toBeNull());
    expect(screen.queryByText('Empties the segment')).toBeNull();

    await app.user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(app.callsTo('POST', '/v1/segments/filter-counts')).toHaveLength(2));
    expect(app.callsTo('POST', '/v1/segments/filter-counts')[1]?.body).toEqual({
      rules: { ...RULES, conditions: RULES.conditions.slice(1) },
    });
  });

  it('says when the counts could not be loaded', async () => {
    const app = renderApp('/segments/seg_1', {
      ...routes(),
      'POST /v1/segments/filter-counts': () => ({
        status: 503,
        body: { error: 'ServiceUnavailable', message: 'The segments service did not answer' },
      }),
    });
    await app.user.click(await screen.findByRole('button', { name: 'Apply filters' }));
    expect(
      await screen.findByText(
        'The counts per filter could not be loaded: The segments service did not answer',
      ),
    ).toBeTruthy();
  });
});
