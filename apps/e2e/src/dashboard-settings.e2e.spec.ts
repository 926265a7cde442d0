// Integrations and Settings in Chromium against the whole running system, by role and
// accessible name (dashboard.md): connect HubSpot against a local fake HubSpot, Sync now, watch
// the run's progress and its end, and find the synced attribute in the builder's catalog with its
// last sync; rotate the secret key (twice: the first key of a workspace made at sign-up was never
// shown) and see the old one refused with 401; rename the workspace; invite an editor, who joins
// in a second browser context and is not offered Settings → API keys; revoke an invite.
//
// The vendor's URL: the e2e system's integrations worker is shared by every suite, so its
// HUBSPOT_API_BASE_URL cannot name this suite's fake. The connection's own `apiBaseUrl` (the
// test/staging setting the integrations service accepts only with NODE_ENV=test) does: the
// browser's PUT gets it added on the way (Playwright's request routing), so the dashboard
// itself sends exactly what a person enters. A gateway of its own (its own database for
// accounts and workspaces) gives the suite a fresh install, as dashboard-segments does.
import { FakeHubSpot, waitFor } from '@seg/testing';
import type { Browser, Page } from 'playwright-core';
import { api } from './support/api';
import { dashboardSuite } from './support/dashboard-suite';
import type { ExtraInstance } from './support/extra-instance';

const ADMIN = { name: 'Ada Lovelace', email: 'ada@acme.test', password: 'correct horse battery' };
const EDITOR = {
  name: 'Eddie Editor',
  email: 'eddie@acme.test',
  password: 'an editor long secret',
};
const HUBSPOT_TOKEN = 'pat-na1-dashboard-e2e-token';

describe('dashboard: Integrations and Settings in Chromium', () => {
  const suite = dashboardSuite('dashboard-settings');
  const { shot, call: sessionCall } = suite;
  let gateway: ExtraInstance;
  let hubspot: FakeHubSpot;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ gateway, browser, page } = suite);
    hubspot = new FakeHubSpot();
    hubspot.accessToken = HUBSPOT_TOKEN;
    await hubspot.start();
  });

  afterAll(async () => {
    await hubspot?.stop();
  });

  it('creates the first account and loads a few users through the API', async () => {
    await suite.createFirstAccount(ADMIN);

    const keys = (await (await sessionCall(page, 'GET', '/v1/workspaces/current/keys')).json()) as {
      publicKey: string;
    };
    const batch = ['ann', 'bob', 'cid'].map((name) => ({
      type: 'identify',
      userId: `crm-${name}`,
      traits: { name: `${name[0].toUpperCase()}${name.slice(1)}`, email: `${name}@acme.test` },
    }));
    const sent = await api('POST', '/v1/batch', {
      key: keys.publicKey,
      baseUrl: gateway.url,
      body: { batch },
    });
    expect(sent.status).toBe(202);
    await waitFor(
      async () =>
        (
          (await (await sessionCall(page, 'GET', '/v1/users?limit=10')).json()) as {
            items: unknown[];
          }
        ).items.length,
      { until: (n) => n === batch.length, timeoutMs: 20_000, what: 'the users' },
    );
    // HubSpot knows two of them (matched by email) and one stranger.
    hubspot.addContact({ email: 'ann@acme.test', firstname: 'Ann', lifecyclestage: 'customer' });
    hubspot.addContact({ email: 'bob@acme.test', firstname: 'Bob', lifecyclestage: 'lead' });
    hubspot.addContact({ email: 'zed@elsewhere.test', firstname: 'Zed', lifecyclestage: 'lead' });
  });

  it('connects HubSpot on its card: token, properties, interval; the token shows masked', async () => {
    // The fake's URL is added to the dashboard's PUT (see the top of this file).
    await page.route('**/v1/integrations/hubspot', async (route) => {
      const request = route.request();
      if (request.method() !== 'PUT') return route.continue();
      const body = JSON.parse(request.postData() ?? '{}') as Record<string, unknown>;
      await route.continue({ postData: JSON.stringify({ ...body, apiBaseUrl: hubspot.url }) });
    });
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.waitForURL(/\/integrations$/);
    const card = page.getByRole('region', { name: 'HubSpot' });
    await card.getByText('Not connected').waitFor();
    await shot('integrations-empty');

    await card.getByRole('button', { name: 'Connect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect HubSpot' });
    await dialog.getByLabel('Access token').fill(HUBSPOT_TOKEN);
    await dialog.getByRole('textbox', { name: 'Properties' }).fill('email, lifecyclestage');
    await dialog
      .getByRole('combobox', { name: 'Sync interval' })
      .selectOption({ label: 'every day' });
    await shot('integrations-connect-hubspot');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('Connected', { exact: true }).waitFor();
    await card.getByText(`••••${HUBSPOT_TOKEN.slice(-4)}`).waitFor();
    await card.getByText('every day').waitFor();
    expect(await page.content()).not.toContain(HUBSPOT_TOKEN);

    // Segment.io: a shared secret, then the webhook URL to give Segment.io.
    const segment = page.getByRole('region', { name: 'Segment.io' });
    await segment.getByRole('button', { name: 'Connect' }).click();
    const segmentDialog = page.getByRole('dialog', { name: 'Connect Segment.io' });
    await segmentDialog.getByLabel('Shared secret').fill('segment-shared-secret');
    await segmentDialog.getByRole('button', { name: 'Connect' }).click();
    await segmentDialog.waitFor({ state: 'hidden' });
    await segment
      .getByLabel('Webhook URL')
      .getByText(`${gateway.url}/v1/integrations/segment/webhook/${suite.workspaceId}`)
      .waitFor();
    await segment.getByText('••••cret').waitFor();
  });

  it('Sync now: the run shows its progress while running, then its stats', async () => {
    // Slow pages, so the run is caught between them.
    hubspot.contactsPageDelayMs = 4_000;
    const card = page.getByRole('region', { name: 'HubSpot' });
    await card.getByRole('button', { name: 'Sync now' }).click();
    const progress = card.getByRole('status', { name: 'Sync progress' });
    await progress.waitFor();
    await card.getByText('Running').first().waitFor();
    await shot('integrations-sync-running');
    hubspot.contactsPageDelayMs = 0;

    const runs = card.getByRole('table', { name: 'HubSpot runs' });
    await runs.getByText('Succeeded').waitFor({ timeout: 25_000 });
    await progress.waitFor({ state: 'hidden' });
    const row = runs.getByRole('row').nth(1);
    // Fetched 3, created 2 (Ann and Bob), 1 with no user yet.
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['3', '2', '1']),
    );
    const listed = (await (
      await sessionCall(page, 'GET', '/v1/integrations/hubspot/runs')
    ).json()) as Array<{ status: string; stats: Record<string, number> }>;
    expect(listed[0]).toMatchObject({
      status: 'succeeded',
      stats: { fetched: 3, created: 2, unmatched: 1 },
    });
    await shot('integrations');
  }, 60_000);

  it("the synced attribute appears in the builder's catalog with its last sync", async () => {
    await waitFor(
      async () =>
        (
          (await (await sessionCall(page, 'GET', '/v1/attributes')).json()) as Array<{
            source: string | null;
            key: string;
          }>
        ).some((item) => item.source === 'hubspot' && item.key === 'lifecyclestage'),
      { timeoutMs: 20_000, what: 'the HubSpot attribute in the catalog' },
    );
    await page.goto(`${gateway.url}/segments/new`);
    await page.getByRole('button', { name: 'Add filter' }).last().click();
    const first = page.getByRole('group', { name: 'Filter 1' });
    await first
      .getByRole('combobox', { name: 'Category' })
      .selectOption({ label: 'Custom attributes' });
    const attribute = first.getByRole('combobox', { name: 'Attribute' });
    const hubspotGroup = attribute.locator('optgroup[label^="HubSpot · last synced"]');
    await expect(hubspotGroup.locator('option').allTextContents()).resolves.toContain(
      'lifecyclestage (string)',
    );
    await attribute.selectOption({ label: 'lifecyclestage (string)' });
    // The note under the chosen attribute: coverage, last write, then the source's last sync.
    await first.getByText(/ · HubSpot: last synced /).waitFor();
    await shot('segment-builder-hubspot-attribute');
  });

  it('Settings → Workspace renames the workspace', async () => {
    // The builder holds an unsaved filter: leaving asks first.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page
      .getByRole('dialog', { name: 'Leave without saving?' })
      .getByRole('button', { name: 'Leave' })
      .click();
    await page.waitForURL(/\/settings$/);
    // Within the settings form: while the Settings page loads, the editor left behind (and its
    // own Name field) may still be on screen.
    const name = page
      .getByRole('form', { name: 'Workspace name' })
      .getByRole('textbox', { name: 'Name' });
    await name.fill('Acme Corp');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved').waitFor();
    const current = (await (await sessionCall(page, 'GET', '/v1/workspaces/current')).json()) as {
      name: string;
    };
    expect(current.name).toBe('Acme Corp');
    await shot('settings-workspace');
  });

  it('Settings → API keys: Rotate explains what breaks, shows the new key once; the old one gets 401', async () => {
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.waitForURL(/\/settings\/api-keys$/);
    await page.getByRole('textbox', { name: 'Public key' }).waitFor();
    await shot('settings-api-keys');

    const rotate = async (): Promise<string> => {
      await page.getByRole('button', { name: 'Rotate the secret key' }).click();
      const confirm = page.getByRole('dialog', { name: 'Rotate the secret key?' });
      await confirm.getByText(/calls made with it are refused \(401\)/).waitFor();
      await shot('settings-rotate-confirm');
      await confirm.getByRole('button', { name: 'Rotate secret key' }).click();
      const shown = page.getByRole('dialog', { name: 'Your new secret key' });
      const key = await shown.getByRole('textbox', { name: 'New secret key' }).inputValue();
      await shot('settings-rotate-new-key');
      await shown.getByRole('button', { name: 'Done' }).click();
      await shown.waitFor({ state: 'hidden' });
      return key;
    };
    const first = await rotate();
    expect(first).toMatch(/^sk_/);
    const withKey = (key: string) =>
      api('GET', '/v1/workspaces/current', { key, baseUrl: gateway.url });
    expect((await withKey(first)).status).toBe(200);

    const second = await rotate();
    expect(second).not.toBe(first);
    expect((await withKey(first)).status).toBe(401);
    expect((await withKey(second)).status).toBe(200);
    // The masked key on the page is the new one's end; the key itself is shown nowhere now.
    await page
      .getByRole('textbox', { name: 'Secret key' })
      .and(page.locator(`[value$="${second.slice(-4)}"]`))
      .waitFor();
    expect(await page.content()).not.toContain(second);
  });

  it('Settings → Team: invite an editor, who joins in another browser and is not offered API keys', async () => {
    await page.getByRole('tab', { name: 'Team' }).click();
    await page.waitForURL(/\/settings\/team$/);
    await page.getByRole('table', { name: 'Members' }).getByText(ADMIN.name).waitFor();

    const invite = async (email: string, role: string): Promise<string> => {
      await page.getByRole('button', { name: 'Invite', exact: true }).click();
      const form = page.getByRole('dialog', { name: 'Invite a team member' });
      await form.getByRole('textbox', { name: 'Email' }).fill(email);
      await form.getByRole('combobox', { name: 'Role' }).selectOption({ label: role });
      await form.getByRole('button', { name: 'Create invite link' }).click();
      const shown = page.getByRole('dialog', { name: 'Invite link' });
      const url = await shown.getByRole('textbox', { name: 'Invite link' }).inputValue();
      if (role === 'Editor') await shot('settings-invite-link');
      await shown.getByRole('button', { name: 'Done' }).click();
      await shown.waitFor({ state: 'hidden' });
      return url;
    };
    const link = await invite(EDITOR.email, 'Editor');
    expect(link).toMatch(/\/signup\?token=inv_/);
    await invite('temp@acme.test', 'Viewer');
    const invites = page.getByRole('table', { name: 'Invites' });
    await invites.getByText('temp@acme.test').waitFor();
    await invites.getByText(EDITOR.email).waitFor();
    await shot('settings-team');

    // Revoke the second one.
    await invites.getByRole('button', { name: 'Revoke the invite for temp@acme.test' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke this invite?' });
    await confirm.getByRole('button', { name: 'Revoke invite' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await waitFor(() => invites.getByText('temp@acme.test').count(), {
      until: (n) => n === 0,
      timeoutMs: 10_000,
      what: 'the revoked invite gone',
    });

    const editorContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    editorContext.setDefaultTimeout(15_000);
    const editor = await editorContext.newPage();
    try {
      await editor.goto(link.replace(/^https?:\/\/[^/]+/, gateway.url));
      await editor.getByRole('heading', { name: 'Create account' }).waitFor();
      await editor.getByRole('textbox', { name: 'Name' }).fill(EDITOR.name);
      const email = editor.getByRole('textbox', { name: 'Email' });
      if ((await email.inputValue()) === '') await email.fill(EDITOR.email);
      await editor.getByRole('textbox', { name: 'Password' }).fill(EDITOR.password);
      await editor.getByRole('button', { name: 'Create account' }).click();
      await editor.waitForURL(/\/users$/);
      await editor.getByRole('link', { name: 'Settings' }).click();
      await editor.waitForURL(/\/settings$/);
      await editor.getByRole('tab', { name: 'Team' }).waitFor();
      expect(await editor.getByRole('tab', { name: 'API keys' }).count()).toBe(0);
      expect(await editor.getByRole('button', { name: 'Save' }).count()).toBe(0);
      await shot('settings-editor', editor);
      await editor.getByRole('tab', { name: 'Team' }).click();
      await editor.getByRole('table', { name: 'Members' }).getByText(EDITOR.name).waitFor();
      expect(await editor.getByRole('button', { name: 'Invite', exact: true }).count()).toBe(0);
      await shot('settings-team-editor', editor);
      // Integrations: read, not change.
      await editor.getByRole('link', { name: 'Integrations' }).click();
      await editor
        .getByRole('region', { name: 'HubSpot' })
        .getByText('Connected', { exact: true })
        .waitFor();
      expect(await editor.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
      // The API agrees: the editor's session may not read the keys.
      const editorMe = (await (await editor.request.get(`${gateway.url}/v1/auth/me`)).json()) as {
        workspaces: Array<{ id: string; role: string }>;
      };
      expect(editorMe.workspaces).toEqual([
        expect.objectContaining({ id: suite.workspaceId, role: 'editor' }),
      ]);
      const keys = await editor.request.get(`${gateway.url}/v1/workspaces/current/keys`, {
        headers: { 'x-workspace-id': suite.workspaceId },
      });
      expect(keys.status()).toBe(403);
    } finally {
      await editorContext.close();
    }
    // The admin sees the editor joined with the role invited.
    await page.reload();
    const members = page.getByRole('table', { name: 'Members' });
    await members.getByText(EDITOR.name).waitFor();
    await expect(
      members.getByRole('combobox', { name: `Role of ${EDITOR.name}` }).inputValue(),
    ).resolves.toBe('editor');
  }, 120_000);
});
