import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../app/format';
import { renderApp, type Routes } from '../../../test/render-app';

const FINISHED = '2026-11-30T10:00:31.000Z';
const run = (over: object) => ({
  id: 'run_1',
  provider: 'hubspot',
  status: 'succeeded',
  trigger: 'manual',
  queuedAt: '2026-11-30T10:00:00.000Z',
  startedAt: '2026-11-30T10:00:01.000Z',
  finishedAt: FINISHED,
  attempts: 1,
  stats: { fetched: 1, created: 1, updated: 0, skipped: 0, failed: 0, unmatched: 0 },
  ...over,
});
const connection = (provider: string, lastRun: object | null) => ({
  provider,
  settings: {},
  status: 'connected',
  intervalMinutes: 60,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  lastRun,
});

const routes = (integrations: Routes): Routes => ({
  'GET /v1/segments': () => ({ segments: [], nextCursor: null }),
  ...integrations,
});

async function openCustomAttributes(app: ReturnType<typeof renderApp>) {
  // The first render loads the editor's and the builder's chunks: slow on a loaded machine.
  await app.user.click(
    await screen.findByRole('button', { name: 'Add filter' }, { timeout: 60_000 }),
  );
  const first = within(screen.getByRole('group', { name: 'Filter 1' }));
  await app.user.selectOptions(
    first.getByRole('combobox', { name: 'Category' }),
    'Custom attributes',
  );
  return first;
}

describe("the builder's catalog: each synced source's last sync", () => {
  it('shows the last successful HubSpot run beside its attributes (the runs when the last one failed)', async () => {
    const app = renderApp(
      '/segments/new',
      routes({
        'GET /v1/integrations': () => ({
          integrations: [
            connection('hubspot', run({ id: 'run_2', status: 'failed', finishedAt: null })),
          ],
        }),
        'GET /v1/integrations/hubspot/runs': () => [
          run({ id: 'run_2', status: 'failed' }),
          run({}),
        ],
      }),
    );
    const first = await openCustomAttributes(app);
    const label = `HubSpot · last synced ${formatDateTime(FINISHED)}`;
    const sources = first.getAllByRole('group').map((optgroup) => optgroup.getAttribute('label'));
    expect(sources).toEqual(['SDK', 'Segment.io Traits', label, 'Customer.io']);
    const attribute = first.getByRole('combobox', { name: 'Attribute' });
    await app.user.selectOptions(attribute, 'lifecyclestage (string)');
    expect(attribute).toHaveAccessibleDescription(label);
  });

  it('names the sources alone when nothing was synced, or the integrations cannot be read', async () => {
    const app = renderApp(
      '/segments/new',
      routes({
        'GET /v1/integrations': () => ({
          status: 403,
          body: { error: 'Forbidden', message: 'no' },
        }),
      }),
    );
    const first = await openCustomAttributes(app);
    const sources = first.getAllByRole('group').map((optgroup) => optgroup.getAttribute('label'));
    expect(sources).toEqual(['SDK', 'Segment.io Traits', 'HubSpot', 'Customer.io']);
  });
});
