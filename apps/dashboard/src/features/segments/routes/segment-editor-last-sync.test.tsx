import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../app/format';
import { renderApp, type Routes } from '../../../test/render-app';
import { SAMPLE_CATALOG } from '../sample-catalog';

const FINISHED = '2026-11-30T10:00:31.000Z';
const sync = {
  provider: 'hubspot',
  status: 'connected',
  intervalMinutes: null,
  lastSucceededAt: FINISHED,
  latestRunFailed: false,
};

const routes = (attributes: readonly unknown[]): Routes => ({
  'GET /v1/segments': () => ({ segments: [], nextCursor: null }),
  'GET /v1/attributes': () => attributes,
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
  it("shows the last successful HubSpot run (the catalog's `sync`) beside its attributes", async () => {
    const app = renderApp(
      '/segments/new',
      routes(
        SAMPLE_CATALOG.attributes.map((entry) =>
          entry.source === 'hubspot' ? { ...entry, sync } : { ...entry, sync: null },
        ),
      ),
    );
    const first = await openCustomAttributes(app);
    const label = `HubSpot · last synced ${formatDateTime(FINISHED)}`;
    const sources = first.getAllByRole('group').map((optgroup) => optgroup.getAttribute('label'));
    expect(sources).toEqual(['SDK', 'Segment.io Traits', label, 'Customer.io']);
    const attribute = first.getByRole('combobox', { name: 'Attribute' });
    await app.user.selectOptions(attribute, 'lifecyclestage (string)');
    expect(attribute).toHaveAccessibleDescription(
      `48% of users (960) · HubSpot: last synced ${formatDateTime(FINISHED)}`,
    );
  });

  it('names the sources alone when nothing was synced, or the integrations could not be read', async () => {
    const app = renderApp('/segments/new', routes(SAMPLE_CATALOG.attributes));
    const first = await openCustomAttributes(app);
    const sources = first.getAllByRole('group').map((optgroup) => optgroup.getAttribute('label'));
    expect(sources).toEqual(['SDK', 'Segment.io Traits', 'HubSpot', 'Customer.io']);
  });
});
