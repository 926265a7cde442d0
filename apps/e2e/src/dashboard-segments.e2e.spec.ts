// The dashboard in Chromium against the whole running system, walked as dashboard.md
// describes it, by role and accessible name: Create account on a fresh install, a small
// dataset loaded through the API, New Segment with a nested group holding an event filter,
// Apply filters giving the API's own count, Save, edit, the History section (size chart, edits
// by whom, entered users), Delete with its dialog replacing the segment in an experience; a viewer
// (joined by an invite link) sees no control that writes; a session call without the CSRF
// header is refused. A gateway of its own (its own database for accounts and workspaces,
// the same services) gives the suite a fresh install whatever the other suites do.
// Screenshots of each page go under the run's log folder (printed at the end).
import { waitFor } from '@seg/testing';
import type { Browser, Page } from 'playwright-core';
import { api } from './support/api';
import { dashboardSuite } from './support/dashboard-suite';
import type { ExtraInstance } from './support/extra-instance';

const ADMIN = { name: 'Ada Lovelace', email: 'ada@acme.test', password: 'correct horse battery' };
const VIEWER = { name: 'Vera Viewer', email: 'vera@acme.test', password: 'another long secret' };
const USERS = 12;

describe('dashboard: Users & Segments in Chromium', () => {
  const suite = dashboardSuite('dashboard');
  const { shot, call: sessionCall } = suite;
  let gateway: ExtraInstance;
  let browser: Browser;
  let page: Page;
  beforeAll(() => {
    ({ gateway, browser, page } = suite);
  });

  it('a fresh install offers Create account; the first account lands on Users & Segments', async () => {
    await suite.createFirstAccount(ADMIN, () => shot('create-account'));
    await shot('users-empty');
  });

  it('loads a small dataset through the API and lists it, paged, on Users', async () => {
    const keys = (await (await sessionCall(page, 'GET', '/v1/workspaces/current/keys')).json()) as {
      publicKey: string;
    };
    const batch = Array.from({ length: USERS }, (_, i) => [
      {
        type: 'identify',
        userId: `dash-${i}`,
        traits: {
          name: `User ${i}`,
          email: `user${i}@${i % 3 === 0 ? 'globex.test' : 'acme.test'}`,
          plan: i % 2 ? 'pro' : 'free',
        },
      },
      // Users 0–5 created a project twice, the others once or never.
      ...Array.from({ length: i < 6 ? 2 : i % 2 }, () => ({
        type: 'track',
        userId: `dash-${i}`,
        event: 'Created project',
      })),
    ]).flat();
    const sent = await api('POST', '/v1/batch', {
      key: keys.publicKey,
      baseUrl: gateway.url,
      body: { batch },
    });
    expect(sent.status).toBe(202);
    await waitFor(
      async () =>
        (
          (await (await sessionCall(page, 'GET', '/v1/users?limit=100')).json()) as {
            items: unknown[];
          }
        ).items.length,
      { until: (n) => n === USERS, timeoutMs: 20_000, what: `${USERS} users` },
    );
    await waitFor(
      async () =>
        (
          (await (await sessionCall(page, 'GET', '/v1/events')).json()) as Array<{
            name: string;
          }>
        ).some((event) => event.name === 'Created project'),
      { timeoutMs: 20_000, what: 'the event in the catalog' },
    );
    await page.reload();
    await page.getByRole('link', { name: 'User 11' }).waitFor();
    await shot('users');
  });

  it('New Segment: a nested group with an event filter; Apply filters shows the API count', async () => {
    await page.getByRole('tab', { name: 'Segments' }).click();
    await page.getByRole('link', { name: 'New Segment' }).click();
    await page.waitForURL(/\/segments\/new$/);
    await page.getByRole('textbox', { name: 'Name' }).fill('Acme project creators');
    await page.getByRole('textbox', { name: 'Description' }).fill('Acme people who create');

    const root = page.getByRole('group', { name: 'Filters' });
    await root.getByRole('button', { name: 'Add filter' }).last().click();
    const first = page.getByRole('group', { name: 'Filter 1' });
    await first.getByRole('combobox', { name: 'Attribute' }).selectOption({ label: 'Email' });
    await first.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'ends with' });
    await first.getByLabel('Value', { exact: true }).fill('@acme.test');

    await root.getByRole('button', { name: 'Add group' }).last().click();
    const nested = page.getByRole('group', { name: 'Filter 2.1' });
    await nested.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Events' });
    await nested
      .getByRole('combobox', { name: 'Event' })
      .selectOption({ label: 'Created project' });
    await nested.getByRole('combobox', { name: 'Occurrence' }).selectOption({ label: 'at least' });
    await nested.getByLabel('Times', { exact: true }).fill('2');

    const rules = {
      type: 'group',
      operator: 'and',
      conditions: [
        { type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@acme.test' },
        {
          type: 'group',
          operator: 'and',
          conditions: [
            {
              type: 'event',
              source: 'jimo',
              name: 'Created project',
              occurrence: { operator: 'atLeast', count: 2 },
            },
          ],
        },
      ],
    };
    const preview = (await (
      await sessionCall(page, 'POST', '/v1/segments/preview', { rules })
    ).json()) as { count: number };
    // Users 1, 2, 4, 5 (0 and 3 are at globex.test).
    expect(preview.count).toBe(4);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByTestId('preview-count').textContent()).resolves.toBeDefined();
    await page.getByText(`${preview.count} users match`).waitFor();
    await shot('segment-new-applied');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/segments$/);
    await page.getByRole('link', { name: 'Acme project creators' }).waitFor();
    // What was saved is exactly the rules built on screen.
    const saved = (await (await sessionCall(page, 'GET', '/v1/segments')).json()) as {
      segments: Array<{ id: string; name: string; rules: unknown }>;
    };
    expect(saved.segments).toEqual([
      expect.objectContaining({ name: 'Acme project creators', rules }),
    ]);
    await shot('segments');
  });

  it('edits the segment (its row opens it) and saves the change', async () => {
    await page.getByRole('link', { name: 'Acme project creators' }).click();
    await page.waitForURL(/\/segments\/seg_/);
    const name = page.getByRole('textbox', { name: 'Name' });
    await expect(name.inputValue()).resolves.toBe('Acme project creators');
    await name.fill('Acme creators');
    await shot('segment-edit');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/segments$/);
    await page.getByRole('link', { name: 'Acme creators' }).waitFor();
  });

  it("the saved segment's page shows its History: size per day, edits by whom, who entered", async () => {
    await page.getByRole('link', { name: 'Acme creators' }).click();
    await page.waitForURL(/\/segments\/seg_/);
    const history = page.getByRole('region', { name: 'History' });
    await history.scrollIntoViewIfNeeded();
    // Both versions were saved from this session: each names its version and Ada.
    const edits = history.getByRole('list', { name: 'Edits' }).getByRole('listitem');
    await waitFor(() => edits.allTextContents(), {
      until: (texts) =>
        texts.length === 2 &&
        /^Version 2 saved .* by Ada Lovelace$/.test(texts[0] ?? '') &&
        /^Version 1 saved .* by Ada Lovelace$/.test(texts[1] ?? ''),
      timeoutMs: 15_000,
      what: 'the two edits by Ada',
    });
    // Users 1, 2, 4, 5 entered when the segment was created (version 1).
    const table = history.getByRole('table', { name: 'Recent entries and exits' });
    await table.waitFor();
    const users = (await table.getByRole('link').allTextContents()).sort();
    expect(users).toEqual(['dash-1', 'dash-2', 'dash-4', 'dash-5']);
    await history.getByRole('img', { name: /Size per day from .* \(4\)$/ }).waitFor();
    // The chart drawn (one day so far: its dot) with the edit marker's label (the marker is a
    // vertical line: no width, so Playwright calls it hidden; it is attached).
    await history.locator('.recharts-area-dot').first().waitFor();
    await history.locator('.recharts-reference-line line').first().waitFor({ state: 'attached' });
    await history.getByText('v1–v2 · Ada Lovelace').waitFor();
    await history.screenshot({
      path: `${suite.shots}/segment-history.png`,
      animations: 'disabled',
    });
    await shot('segment-page-history');
    await table.getByRole('link', { name: 'dash-1' }).click();
    await page.waitForURL(/\/users\/dash-1$/);
    await page.goto(`${gateway.url}/segments`);
    await page.getByRole('link', { name: 'Acme creators' }).waitFor();
  });

  it('a viewer joins by invite link and sees no control that writes', async () => {
    const invite = (await (
      await sessionCall(page, 'POST', '/v1/team/invites', { email: VIEWER.email, role: 'viewer' })
    ).json()) as { url: string; token: string };
    const viewerContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const viewer = await viewerContext.newPage();
    await viewer.goto(`${gateway.url}/signup?token=${invite.token}`);
    await viewer.getByRole('heading', { name: 'Create account' }).waitFor();
    await viewer.getByRole('textbox', { name: 'Name' }).fill(VIEWER.name);
    const email = viewer.getByRole('textbox', { name: 'Email' });
    if ((await email.inputValue()) === '') await email.fill(VIEWER.email);
    await viewer.getByRole('textbox', { name: 'Password' }).fill(VIEWER.password);
    await viewer.getByRole('button', { name: 'Create account' }).click();
    await viewer.waitForURL(/\/users$/);
    await viewer.getByRole('tab', { name: 'Segments' }).click();
    await viewer.getByRole('link', { name: 'Acme creators' }).waitFor();
    expect(await viewer.getByRole('link', { name: 'New Segment' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'New Segment' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await shot('segments-viewer', viewer);

    // The API agrees: the viewer's session cannot create a segment, CSRF token or not.
    const viewerMe = (await (await viewer.request.get(`${gateway.url}/v1/auth/me`)).json()) as {
      csrfToken: string;
    };
    const refused = await sessionCall(
      viewer,
      'POST',
      '/v1/segments',
      { name: 'By a viewer', rules: { type: 'group', operator: 'and', conditions: [] } },
      viewerMe.csrfToken,
    );
    expect(refused.status()).toBe(403);
    await viewerContext.close();
  });

  it('refuses a session call that changes something without the CSRF header', async () => {
    const refused = await sessionCall(
      page,
      'POST',
      '/v1/segments',
      { name: 'No CSRF', rules: { type: 'group', operator: 'and', conditions: [] } },
      null,
    );
    expect(refused.status()).toBe(403);
    const list = (await (await sessionCall(page, 'GET', '/v1/segments')).json()) as {
      segments: Array<{ name: string }>;
    };
    expect(list.segments.map((segment) => segment.name)).toEqual(['Acme creators']);
  });

  it('deletes the segment from its row, replacing it by another in its experience', async () => {
    const globex = (await (
      await sessionCall(page, 'POST', '/v1/segments', {
        name: 'Globex users',
        rules: {
          type: 'group',
          operator: 'and',
          conditions: [
            { type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@globex.test' },
          ],
        },
      })
    ).json()) as { id: string };
    const saved = (await (await sessionCall(page, 'GET', '/v1/segments')).json()) as {
      segments: Array<{ id: string; name: string }>;
    };
    const acme = saved.segments.find((segment) => segment.name === 'Acme creators');
    const experience = (await (
      await sessionCall(page, 'POST', '/v1/experiences', {
        name: 'Onboarding tour',
        type: 'tour',
        steps: [{ id: 's1', kind: 'message' }],
        audience: { mode: 'segments', segmentIds: [acme?.id] },
      })
    ).json()) as { id: string };
    await page.reload();
    await page
      .getByRole('row', { name: /Acme creators/ })
      .getByRole('button', { name: 'Delete' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Delete Acme creators?' });
    await dialog.waitFor();
    await dialog.getByText('it will target nobody').waitFor();
    await shot('segment-delete-dialog');
    const replace = dialog.getByRole('combobox', { name: 'Replace with' });
    await waitFor(() => replace.isEnabled(), { timeoutMs: 10_000, what: 'the choices' });
    expect(await replace.locator('option').allTextContents()).toEqual([
      'No replacement',
      'Globex users',
    ]);
    await replace.selectOption({ label: 'Globex users' });
    await dialog.getByText('deleting puts Globex users in its place in their audience:').waitFor();
    expect(await dialog.getByText('it will target nobody').count()).toBe(0);
    await dialog.screenshot({
      path: `${suite.shots}/segment-delete-replace.png`,
      animations: 'disabled',
    });
    await dialog.getByRole('button', { name: 'Delete segment' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await waitFor(() => page.getByRole('link', { name: 'Acme creators' }).count(), {
      until: (n) => n === 0,
      timeoutMs: 10_000,
      what: 'the row gone',
    });
    const list = (await (await sessionCall(page, 'GET', '/v1/segments')).json()) as {
      segments: Array<{ id: string }>;
    };
    expect(list.segments.map((segment) => segment.id)).toEqual([globex.id]);
    const now = (await (
      await sessionCall(page, 'GET', `/v1/experiences/${experience.id}`)
    ).json()) as { audience: unknown };
    expect(now.audience).toEqual({ mode: 'segments', segmentIds: [globex.id] });
  });
});
