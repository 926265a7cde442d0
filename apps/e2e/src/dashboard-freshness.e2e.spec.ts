// Attribute coverage and freshness in Chromium (#18 item 5): a small dataset through the API,
// the catalog's count of it (`GET /v1/attributes`, counted in the background), and the builder
// showing it beside the chosen attribute.
import { waitFor } from '@seg/testing';
import { api } from './support/api';
import { dashboardSuite } from './support/dashboard-suite';

const ADMIN = { name: 'Ada Lovelace', email: 'ada@fresh.test', password: 'correct horse battery' };
const USERS = 8;

interface CatalogEntry {
  source: string | null;
  key: string;
  coverage: { users: number; share: number } | null;
  lastWrittenAt: string | null;
}

describe('dashboard: attribute coverage and freshness in Chromium', () => {
  const suite = dashboardSuite('freshness');

  it('shows the share of users with a value and the last write beside the chosen attribute', async () => {
    const { page, gateway, call } = suite;
    await suite.createFirstAccount(ADMIN);
    const keys = (await (await call(page, 'GET', '/v1/workspaces/current/keys')).json()) as {
      publicKey: string;
    };
    // 5 of 8 users have a plan; the others have none.
    const batch = Array.from({ length: USERS }, (_, i) => ({
      type: 'identify',
      userId: `fresh-${i}`,
      traits: { email: `u${i}@fresh.test`, ...(i < 5 ? { plan: i % 2 ? 'pro' : 'free' } : {}) },
    }));
    const sent = await api('POST', '/v1/batch', {
      key: keys.publicKey,
      baseUrl: gateway.url,
      body: { batch },
    });
    expect(sent.status).toBe(202);
    const catalog = await waitFor(
      async () => (await (await call(page, 'GET', '/v1/attributes')).json()) as CatalogEntry[],
      {
        until: (items) =>
          items.some((item) => item.key === 'plan' && item.coverage?.users === 5) &&
          items.some((item) => item.key === 'sessions' && item.coverage?.users === USERS),
        timeoutMs: 30_000,
        intervalMs: 250,
        what: 'the catalog counted',
      },
    );
    const plan = catalog.find((item) => item.key === 'plan');
    expect(plan).toMatchObject({ source: 'sdk', coverage: { users: 5, share: 5 / USERS } });
    expect(Date.now() - new Date(plan?.lastWrittenAt ?? 0).getTime()).toBeLessThan(60_000);

    await page.goto(`${gateway.url}/segments/new`);
    await page.getByRole('button', { name: 'Add filter' }).last().click();
    const first = page.getByRole('group', { name: 'Filter 1' });
    await first
      .getByRole('combobox', { name: 'Category' })
      .selectOption({ label: 'Custom attributes' });
    await first
      .getByRole('combobox', { name: 'Attribute' })
      .selectOption({ label: 'plan (string)' });
    await first.getByText(/^63% of users \(5\) · last written (just now|\d+ min ago)$/).waitFor();
    await first.getByRole('combobox', { name: 'Operator' }).waitFor();
    await suite.shot('builder-freshness');
    await page.screenshot({ path: '/tmp/fresh-builder.png', fullPage: true });
  });
});
