// Attribute coverage and freshness in Chromium (#18 item 5): a small dataset through the API,
// the catalog's count of it (`GET /v1/attributes`, counted in the background), and the builder
// showing it beside the chosen attribute.
import { waitFor } from '@seg/testing';
import { MongoClient } from 'mongodb';
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
          items.some(
            (item) => item.key === 'plan' && item.coverage?.users === 5 && item.lastWrittenAt,
          ) && items.some((item) => item.key === 'sessions' && item.coverage?.users === USERS),
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

  it('a segment using an attribute nobody wrote for 30 days says it is stale', async () => {
    const { page, workspaceId } = suite;
    // Time travel: plan's last write 40 days back, in the users service's own store.
    const mongo = await MongoClient.connect(process.env['E2E_MONGODB_URI'] as string);
    try {
      const writes = mongo.db(process.env['E2E_MONGODB_DB']).collection('attribute_writes');
      const moved = await writes.updateOne(
        { _id: `${workspaceId}/sdk/plan` as never },
        { $set: { lastWrittenAt: new Date(Date.now() - 40 * 86_400_000) } },
      );
      expect(moved.matchedCount).toBe(1);
    } finally {
      await mongo.close();
    }
    // The draft left behind may ask before leaving: leave.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.goto(`${suite.gateway.url}/segments/new`);
    await page.getByRole('button', { name: 'Add filter' }).last().click();
    const first = page.getByRole('group', { name: 'Filter 1' });
    await first
      .getByRole('combobox', { name: 'Category' })
      .selectOption({ label: 'Custom attributes' });
    await first
      .getByRole('combobox', { name: 'Attribute' })
      .selectOption({ label: 'plan (string)' });
    await first.getByText('no value written for over 30 days').waitFor();
    const warning = page.getByRole('alert').filter({ hasText: 'This segment uses stale data' });
    await warning.getByText('plan (SDK): no value written for over 30 days').waitFor();
    await suite.shot('builder-stale');
    await page.screenshot({ path: '/tmp/fresh-builder-stale.png', fullPage: true });
  });
});
