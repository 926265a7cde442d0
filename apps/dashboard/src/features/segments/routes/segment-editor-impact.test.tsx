import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app';

const RULES = {
  type: 'group',
  operator: 'and',
  conditions: [{ type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@acme.com' }],
};
const SEGMENT = {
  id: 'seg_1',
  name: 'Acme people',
  rules: RULES,
  version: 1,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};
const IMPACT = {
  join: { count: 214, sample: ['u-1', 'u-2'] },
  leave: { count: 37, sample: ['u-9'] },
  experiences: [
    { id: 'exp_1', name: 'Onboarding tour', status: 'published', before: 1240, after: 1417 },
  ],
  exact: true,
  scanned: 1,
  asOf: '2026-12-01T10:00:00.000Z',
};

const routes = (impact: () => unknown) => ({
  'GET /v1/segments': () => ({
    segments: [{ ...SEGMENT, usedBy: [], referencedBy: [] }],
    nextCursor: null,
  }),
  'GET /v1/segments/seg_1': () => SEGMENT,
  'GET /v1/segments/:id/count': () => ({ count: 12 }),
  'GET /v1/segments/:id/history': () => ({ sizes: [], edits: [], changes: [], nextCursor: null }),
  'POST /v1/segments/seg_1/impact': impact,
});

describe('the segment editor: edit impact', () => {
  it('asks the impact of the edited rules and shows it next to Save; clicking lists samples', async () => {
    const app = renderApp(
      '/segments/seg_1',
      routes(() => IMPACT),
    );
    const value = within(await screen.findByRole('group', { name: 'Filter 1' })).getByRole(
      'combobox',
      { name: 'Value' },
    );
    // Unchanged rules: nothing asked, nothing shown.
    expect(screen.queryByRole('button', { name: /^Impact of this edit/ })).toBeNull();
    await app.user.clear(value);
    await app.user.type(value, '@globex.com');

    const impact = await screen.findByRole(
      'button',
      { name: 'Impact of this edit: +214 join, −37 leave; Onboarding tour 1,240 → 1,417' },
      { timeout: 3_000 },
    );
    // Debounced: one call for the settled draft, with the rules as edited.
    const calls = app.callsTo('POST', '/v1/segments/seg_1/impact');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toEqual({
      rules: { ...RULES, conditions: [{ ...RULES.conditions[0], value: '@globex.com' }] },
    });
    await app.user.click(impact);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Would join (214)')).toBeTruthy();
    expect(within(dialog).getByText('u-1, u-2, …')).toBeTruthy();
    expect(within(dialog).getByText('Would leave (37)')).toBeTruthy();
    expect(within(dialog).getByText('u-9, …')).toBeTruthy();
  });

  it('marks an estimate with ≈, and shows nothing when the draft is invalid', async () => {
    let answer: unknown = { ...IMPACT, exact: false, scanned: 0.2 };
    const app = renderApp(
      '/segments/seg_1',
      routes(() => answer),
    );
    const value = within(await screen.findByRole('group', { name: 'Filter 1' })).getByRole(
      'combobox',
      { name: 'Value' },
    );
    await app.user.type(value, 'x');
    await screen.findByRole(
      'button',
      { name: 'Impact of this edit: ≈ +214 join, −37 leave; Onboarding tour 1,240 → 1,417' },
      { timeout: 3_000 },
    );
    answer = {
      status: 400,
      body: { error: 'ValidationError', message: 'Invalid impact request', details: [] },
    };
    await app.user.type(value, 'y');
    await waitFor(
      () => expect(screen.queryByRole('button', { name: /^Impact of this edit/ })).toBeNull(),
      { timeout: 3_000 },
    );
  });
});
