import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CATALOG_ROUTES, renderApp, type Routes } from '../../../test/render-app';
import { dailySeries } from '../components/segment-history';

const SEGMENT = {
  id: 'seg_1',
  name: 'Trial users',
  rules: { type: 'group', operator: 'and', conditions: [] },
  version: 2,
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-29T15:30:00.000Z',
};
const change = (userId: string, kind: 'entered' | 'exited', at: string, segmentVersion = 2) => ({
  segmentId: 'seg_1',
  userId,
  change: kind,
  at,
  segmentVersion,
});

function routes(history: Routes[string]): Routes {
  return {
    ...CATALOG_ROUTES,
    'GET /v1/segments': () => ({
      segments: [{ ...SEGMENT, usedBy: [], referencedBy: [] }],
      nextCursor: null,
    }),
    'GET /v1/segments/seg_1': () => SEGMENT,
    'GET /v1/segments/seg_1/forecast': () => ({ status: 503, body: {} }),
    'GET /v1/team/members': () => ({
      items: [
        {
          accountId: 'acc_ada0000001',
          email: 'ada@acme.test',
          name: 'Ada Lovelace',
          role: 'admin',
          joinedAt: '2026-11-01T10:00:00.000Z',
        },
      ],
    }),
    'GET /v1/segments/seg_1/history': history,
  };
}

const section = async () =>
  within((await screen.findByText('History')).closest('section') as HTMLElement);

describe("the saved segment's History", () => {
  it('charts the size per day, lists each edit with who saved it, and pages the changes', async () => {
    const app = renderApp(
      '/segments/seg_1',
      routes((call) =>
        call.query.get('cursor') === 'c2'
          ? {
              sizes: [],
              edits: [],
              changes: [change('u-old', 'entered', '2026-11-27T10:00:00.000Z', 1)],
              nextCursor: null,
            }
          : {
              sizes: [
                { day: '2026-11-27', size: 3 },
                { day: '2026-11-29', size: 5 },
              ],
              edits: [
                { version: 1, at: '2026-11-27T10:00:00.000Z' },
                { version: 2, at: '2026-11-29T15:30:00.000Z', by: 'acc_ada0000001' },
              ],
              changes: [
                change('u-2', 'exited', '2026-11-29T16:00:00.000Z'),
                change('u-1', 'entered', '2026-11-29T15:31:00.000Z'),
              ],
              nextCursor: 'c2',
            },
      ),
    );
    const history = await section();
    expect(
      await history.findByRole('img', { name: /Size per day from 2026-11-27 \(3\)/ }),
    ).toBeInTheDocument();
    const edits = await history.findByRole('list', { name: 'Edits' });
    await waitFor(() =>
      expect(
        within(edits)
          .getAllByRole('listitem')
          .map((item) => item.textContent),
      ).toEqual([
        expect.stringMatching(/^Version 2 saved Nov 29, 2026.* by Ada Lovelace$/),
        expect.stringMatching(/^Version 1 saved Nov 27, 2026.* with an API key$/),
      ]),
    );
    const table = history.getByRole('table', { name: 'Recent entries and exits' });
    expect(within(table).getByRole('link', { name: 'u-2' })).toHaveAttribute('href', '/users/u-2');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    await app.user.click(history.getByRole('button', { name: 'Load more' }));
    await within(table).findByRole('link', { name: 'u-old' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(history.queryByRole('button', { name: 'Load more' })).toBeNull();
    const [, second] = app.callsTo('GET', '/v1/segments/seg_1/history');
    expect(second?.query.get('cursor')).toBe('c2');
  });

  it('says so when nothing was recorded yet', async () => {
    renderApp(
      '/segments/seg_1',
      routes(() => ({
        sizes: [],
        edits: [{ version: 2, at: '2026-11-29T15:30:00.000Z' }],
        changes: [],
        nextCursor: null,
      })),
    );
    const history = await section();
    expect(await history.findByText(/No size recorded yet/)).toBeInTheDocument();
    expect(history.getByText('Nobody has entered or left this segment yet.')).toBeInTheDocument();
    expect(history.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('shows the error with a Retry', async () => {
    let failing = true;
    const app = renderApp(
      '/segments/seg_1',
      routes(() =>
        failing
          ? { status: 503, body: { error: 'ServiceUnavailable', message: 'Try again' } }
          : { sizes: [], edits: [], changes: [], nextCursor: null },
      ),
    );
    const history = await section();
    const alert = await history.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent('The history could not be loaded');
    failing = false;
    await app.user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await history.findByText('Nobody has entered or left this segment yet.'),
    ).toBeInTheDocument();
  });
});

describe('dailySeries', () => {
  it('fills every day up to today, each keeping the last size', () => {
    expect(
      dailySeries(
        [
          { day: '2026-11-28', size: 3 },
          { day: '2026-11-30', size: 1 },
        ],
        '2026-12-01',
      ),
    ).toEqual([
      { day: '2026-11-28', size: 3 },
      { day: '2026-11-29', size: 3 },
      { day: '2026-11-30', size: 1 },
      { day: '2026-12-01', size: 1 },
    ]);
    expect(dailySeries([], '2026-12-01')).toEqual([]);
  });
});
