// Edit impact before saving (#18 item 1) in Chromium: a saved segment used by an experience is
// opened, its filter's value edited, and next to Save the editor says what saving would do —
// "+4 join, −8 leave; Onboarding tour 8 → 4" (the API's figures for this dataset, computed by
// hand below) — and clicking it lists who joins and leaves. Nothing is saved.
import { waitFor } from '@seg/testing';
import { copyFileSync } from 'node:fs';
import { api } from './support/api';
import { dashboardSuite } from './support/dashboard-suite';

const ADMIN = { name: 'Ida Impact', email: 'ida@acme.test', password: 'impact before saving' };
const USERS = 12;

describe('dashboard: edit impact next to Save', () => {
  const suite = dashboardSuite('impact');

  it('shows who joins, who leaves and the experience reach for the edited rules', async () => {
    await suite.createFirstAccount(ADMIN);
    const { page, call } = suite;
    const keys = (await (await call(page, 'GET', '/v1/workspaces/current/keys')).json()) as {
      publicKey: string;
    };
    // Users 0, 3, 6, 9 are at globex.test, the 8 others at acme.test.
    const batch = Array.from({ length: USERS }, (_, i) => ({
      type: 'identify',
      userId: `imp-${String(i).padStart(2, '0')}`,
      traits: { email: `user${i}@${i % 3 === 0 ? 'globex.test' : 'acme.test'}` },
    }));
    const sent = await api('POST', '/v1/batch', {
      key: keys.publicKey,
      baseUrl: suite.gateway.url,
      body: { batch },
    });
    expect(sent.status).toBe(202);
    const emailEndsWith = (value: string) => ({
      type: 'group',
      operator: 'and',
      conditions: [{ type: 'attribute', attribute: 'email', operator: 'endsWith', value }],
    });
    await waitFor(
      async () =>
        ((await (await call(page, 'GET', '/v1/users?limit=100')).json()) as { items: unknown[] })
          .items.length,
      { until: (n) => n === USERS, timeoutMs: 20_000, what: `${USERS} users` },
    );
    const segment = (await (
      await call(page, 'POST', '/v1/segments', {
        name: 'Acme people',
        rules: emailEndsWith('@acme.test'),
      })
    ).json()) as { id: string };
    const experience = await call(page, 'POST', '/v1/experiences', {
      name: 'Onboarding tour',
      type: 'tour',
      steps: [{ id: 's1', kind: 'message' }],
      audience: { mode: 'segments', segmentIds: [segment.id] },
    });
    expect(experience.status()).toBe(201);
    await waitFor(
      async () =>
        (await (await call(page, 'GET', `/v1/segments/${segment.id}/count`)).json()) as {
          status: string;
          count: number;
        },
      {
        until: (count) => count.status === 'ready' && count.count === 8,
        timeoutMs: 20_000,
        what: 'the read model ready with 8 members',
      },
    );

    await page.goto(`${suite.gateway.url}/segments/${segment.id}`);
    const value = page
      .getByRole('group', { name: 'Filter 1' })
      .getByLabel('Value', { exact: true });
    await value.fill('@globex.test');
    const impact = page.getByRole('button', {
      name: 'Impact of this edit: +4 join, −8 leave; Onboarding tour 8 → 4',
    });
    await impact.waitFor();
    await suite.shot('impact-editor');
    copyFileSync(`${suite.shots}/impact-editor.png`, '/tmp/impact-editor.png');

    await impact.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Would join (4)').waitFor();
    await dialog.getByText('imp-00, imp-03, imp-06, imp-09').waitFor();
    await dialog.getByText('Would leave (8)').waitFor();
    await suite.shot('impact-samples');

    // Back to the saved rules: no edit, no impact shown.
    await page.keyboard.press('Escape');
    await value.fill('@acme.test');
    await page.getByRole('button', { name: /^Impact of this edit/ }).waitFor({ state: 'detached' });
  }, 90_000);
});
