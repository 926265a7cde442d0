// The builder's per-filter counts in Chromium against the whole running system: a small
// dataset through the SDK endpoint, a saved segment opened in the editor, Apply filters, then
// a count beside every filter and group equal to the API's `POST /v1/segments/filter-counts`,
// the running total of each group, and "Empties the segment" on the filter that empties it.
import { waitFor } from '@seg/testing';
import type { Page } from 'playwright-core';
import { api } from './support/api';
import { dashboardSuite } from './support/dashboard-suite';

const ADMIN = { name: 'Ada Lovelace', email: 'ada@counts.test', password: 'correct horse battery' };
const USERS = 12;
const PROJECTS = { type: 'event', source: 'jimo', name: 'Created project' } as const;
const RULES = {
  type: 'group',
  operator: 'and',
  conditions: [
    { type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@acme.test' },
    {
      type: 'group',
      operator: 'or',
      conditions: [
        { ...PROJECTS, occurrence: { operator: 'atLeast', count: 2 } },
        { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'equals', value: 'pro' },
      ],
    },
    { type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@globex.test' },
  ],
};

interface Counts {
  filters: Array<{ path: string; count: number; runningTotal: number }>;
  emptiedBy: string | null;
  exact: boolean;
}

describe('dashboard: per-filter counts in the builder (Chromium)', () => {
  const suite = dashboardSuite('filter-counts');
  let page: Page;
  beforeAll(() => {
    ({ page } = suite);
  });

  it('shows the API’s count beside every filter and group, and what empties the segment', async () => {
    await suite.createFirstAccount(ADMIN);
    const keys = (await (await suite.call(page, 'GET', '/v1/workspaces/current/keys')).json()) as {
      publicKey: string;
    };
    // Emails: every third user at globex.test; plan pro for odd users; users 0–5 created a
    // project twice, the others once or never.
    const batch = Array.from({ length: USERS }, (_, i) => [
      {
        type: 'identify',
        userId: `count-${i}`,
        traits: {
          name: `User ${i}`,
          email: `user${i}@${i % 3 === 0 ? 'globex.test' : 'acme.test'}`,
          plan: i % 2 ? 'pro' : 'free',
        },
      },
      ...Array.from({ length: i < 6 ? 2 : i % 2 }, () => ({
        type: 'track',
        userId: `count-${i}`,
        event: 'Created project',
      })),
    ]).flat();
    const base = suite.gateway.url;
    expect(
      (await api('POST', '/v1/batch', { key: keys.publicKey, baseUrl: base, body: { batch } }))
        .status,
    ).toBe(202);
    const answered = await waitFor(
      async () => {
        const answer = await suite.call(page, 'POST', '/v1/segments/filter-counts', {
          rules: RULES,
        });
        return answer.ok() ? ((await answer.json()) as Counts) : undefined;
      },
      {
        until: (answer) => answer?.filters[1]?.count === 8 && answer.filters[2]?.count === 9,
        timeoutMs: 30_000,
        what: 'the dataset counted (8 at acme.test; 9 with 2 projects or plan pro)',
      },
    );
    const counts = answered as Counts;
    // Worked out by hand: acme 8; the or 9 on its own (users 0–5, 7, 9, 11), 6 with acme;
    // globex 4 on its own, 0 together: it empties the segment.
    expect(counts).toMatchObject({ exact: true, emptiedBy: 'rules.conditions[2]' });
    expect(counts.filters.map((n) => [n.path, n.count, n.runningTotal])).toEqual([
      ['rules', 0, 0],
      ['rules.conditions[0]', 8, 8],
      ['rules.conditions[1]', 9, 6],
      ['rules.conditions[1].conditions[0]', 6, 6],
      ['rules.conditions[1].conditions[1]', 6, 9],
      ['rules.conditions[2]', 4, 0],
    ]);

    const created = (await (
      await suite.call(page, 'POST', '/v1/segments', { name: 'Acme or Globex', rules: RULES })
    ).json()) as { id: string };
    await page.goto(`${base}/segments/${created.id}`);
    await page.getByRole('group', { name: 'Filter 3' }).waitFor();
    await page.getByRole('button', { name: 'Apply filters' }).click();

    const filter = (position: string) => page.getByRole('group', { name: `Filter ${position}` });
    await filter('1').getByLabel('Matches 8 users').waitFor();
    expect(await filter('1').getByLabel('Matches 8 users').textContent()).toBe('8 users');
    await filter('2.1').getByLabel('Matches 6 users').waitFor();
    await filter('2.2').getByLabel('Together with the filters before it: 9 users').waitFor();
    await filter('3').getByLabel('Matches 4 users').waitFor();
    await filter('3').getByLabel('Together with the filters before it: 0 users').waitFor();
    const group = page.getByRole('group', { name: 'Group 2' });
    await group.getByLabel('Matches 9 users').first().waitFor();
    await filter('3').getByText('Empties the segment').waitFor();
    expect(await page.getByText('Empties the segment').count()).toBe(1);
    await page.getByText('0 users match').waitFor();
    await page.screenshot({ path: '/tmp/counts-builder.png', fullPage: true });
    await suite.shot('builder-counts');
  }, 120_000);
});
