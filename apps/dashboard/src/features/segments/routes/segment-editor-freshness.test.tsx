import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AttributeCatalogEntry } from '../../../api/paths';
import { renderApp, type Routes } from '../../../test/render-app';
import { SAMPLE_CATALOG } from '../sample-catalog';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** The sample catalog with plan (SDK) written 3 h ago and HubSpot's latest sync failed. */
function catalog(): AttributeCatalogEntry[] {
  return SAMPLE_CATALOG.attributes.map((entry) => {
    if (entry.key === 'plan') return { ...entry, lastWrittenAt: ago(3 * HOUR), sync: null };
    if (entry.key === 'seats') {
      // Nobody had a value written for 40 days.
      return { ...entry, lastWrittenAt: ago(40 * 24 * HOUR), sync: null };
    }
    if (entry.source === 'hubspot') {
      return {
        ...entry,
        lastWrittenAt: ago(26 * HOUR),
        sync: {
          provider: 'hubspot',
          status: 'error',
          intervalMinutes: 60,
          lastSucceededAt: ago(26 * HOUR),
          latestRunFailed: true,
          latestRunError: 'HubSpot answered 401',
        },
      };
    }
    if (entry.source === 'customerio') {
      return {
        ...entry,
        sync: {
          provider: 'customerio',
          status: 'connected',
          intervalMinutes: 60,
          lastSucceededAt: ago(5 * HOUR),
          latestRunFailed: false,
        },
      };
    }
    return { ...entry, sync: null };
  });
}

const SEGMENT = {
  id: 'seg_1',
  name: 'HubSpot customers on pro',
  description: '',
  rules: {
    type: 'group',
    operator: 'and',
    conditions: [
      { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'equals', value: 'pro' },
      {
        type: 'customAttribute',
        source: 'hubspot',
        key: 'lifecyclestage',
        operator: 'equals',
        value: 'customer',
      },
    ],
  },
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  usedBy: [],
};

const routes = (): Routes => ({
  'GET /v1/segments': () => ({ segments: [], nextCursor: null }),
  'GET /v1/attributes': () => catalog(),
  'GET /v1/segments/seg_1': () => SEGMENT,
});

describe("the builder: each attribute's coverage and freshness; the editor: stale sources", () => {
  it('shows the share of users and the last write where an attribute is chosen; a failing sync in its place', async () => {
    const app = renderApp('/segments/new', routes());
    await app.user.click(
      await screen.findByRole('button', { name: 'Add filter' }, { timeout: 60_000 }),
    );
    const first = within(screen.getByRole('group', { name: 'Filter 1' }));
    // Native attributes too: Email is counted (1,650 of 2,000 users), never written here.
    await app.user.selectOptions(first.getByRole('combobox', { name: 'Attribute' }), 'Email');
    expect(first.getByRole('combobox', { name: 'Attribute' })).toHaveAccessibleDescription(
      '83% of users (1,650)',
    );
    await app.user.selectOptions(
      first.getByRole('combobox', { name: 'Category' }),
      'Custom attributes',
    );
    const attribute = first.getByRole('combobox', { name: 'Attribute' });
    await app.user.selectOptions(attribute, 'plan (string)');
    expect(attribute).toHaveAccessibleDescription('62% of users (1,240) · last written 3 h ago');
    await app.user.selectOptions(attribute, 'lifecyclestage (string)');
    expect(attribute).toHaveAccessibleDescription(
      '48% of users (960) · last written 26 h ago · HubSpot: last sync failed',
    );
    await app.user.selectOptions(attribute, 'seats (number)');
    expect(attribute).toHaveAccessibleDescription(
      '44% of users (880) · last written 40 d ago · no value written for over 30 days',
    );
    // A new segment with a stale attribute says so too.
    const alert = await screen.findByRole('alert', { name: 'This segment uses stale data' });
    expect(alert).toHaveTextContent('seats (SDK): no value written for over 30 days');
  });

  it('says when a saved segment uses a failing source, and names only the attributes concerned', async () => {
    renderApp('/segments/seg_1', routes());
    const alert = await screen.findByRole(
      'alert',
      { name: 'This segment uses data from a failing source' },
      { timeout: 60_000 },
    );
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['lifecyclestage (HubSpot): HubSpot: last sync failed']);
  });

  it('says nothing while the sources are fresh; a sync older than twice its interval is stale', async () => {
    const app = renderApp('/segments/new', routes());
    await app.user.click(
      await screen.findByRole('button', { name: 'Add filter' }, { timeout: 60_000 }),
    );
    const first = within(screen.getByRole('group', { name: 'Filter 1' }));
    await app.user.selectOptions(
      first.getByRole('combobox', { name: 'Category' }),
      'Custom attributes',
    );
    await app.user.selectOptions(
      first.getByRole('combobox', { name: 'Attribute' }),
      'plan (string)',
    );
    expect(screen.queryByRole('alert', { name: /^This segment uses/ })).toBeNull();
    await app.user.selectOptions(
      first.getByRole('combobox', { name: 'Attribute' }),
      'interests (list)',
    );
    // Last success 5 h ago with a 60 min interval: more than twice the interval.
    expect(first.getByRole('combobox', { name: 'Attribute' })).toHaveAccessibleDescription(
      /Customer\.io: last successful sync 5 h ago$/,
    );
    expect(await screen.findByRole('alert', { name: /^This segment uses/ })).toHaveTextContent(
      'interests (Customer.io): Customer.io: last successful sync 5 h ago',
    );
  });
});
