// "Load sample data" in Chromium against the whole running system: a fresh install's first
// account lands on an empty Users tab that offers Load sample data; a viewer of the same
// workspace is not offered it; clicking it shows its progress, then the Users tab fills (40
// users), the Segments tab lists the sample's segments with their sizes, and a user's page
// shows custom attributes of every source. A gateway of its own (its own database for
// accounts and workspaces) gives the suite a fresh install, as dashboard-segments does.
import type { Browser, Page } from 'playwright-core';
import { dashboardSuite } from './support/dashboard-suite';
import type { ExtraInstance } from './support/extra-instance';

const ADMIN = { name: 'Ada Lovelace', email: 'ada@sample.test', password: 'correct horse battery' };
const VIEWER = { name: 'Vera Viewer', email: 'vera@sample.test', password: 'another long secret' };

describe('dashboard: Load sample data in Chromium', () => {
  const suite = dashboardSuite('dashboard-sample-data');
  const { shot } = suite;
  let gateway: ExtraInstance;
  let browser: Browser;
  let page: Page;
  beforeAll(() => {
    ({ gateway, browser, page } = suite);
  });

  it('a fresh workspace offers Load sample data to its admin, not to a viewer', async () => {
    await suite.createFirstAccount(ADMIN);
    await page.getByText('No user yet').waitFor();
    await page.getByRole('button', { name: 'Load sample data' }).waitFor();
    await shot('empty-admin');

    const invite = (await (
      await suite.call(page, 'POST', '/v1/team/invites', { email: VIEWER.email, role: 'viewer' })
    ).json()) as { token: string };
    const viewerContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const viewer = await viewerContext.newPage();
    await viewer.goto(`${gateway.url}/signup?token=${invite.token}`);
    await viewer.getByRole('heading', { name: 'Create account' }).waitFor();
    await viewer.getByRole('textbox', { name: 'Name' }).fill(VIEWER.name);
    // The invite's email fills in once the invite is read; type it when it has not yet.
    const email = viewer.getByRole('textbox', { name: 'Email' });
    if ((await email.inputValue()) === '') await email.fill(VIEWER.email);
    await viewer.getByRole('textbox', { name: 'Password' }).fill(VIEWER.password);
    await viewer.getByRole('button', { name: 'Create account' }).click();
    await viewer.waitForURL(/\/users$/).catch(async (error: unknown) => {
      await shot('viewer-failed', viewer);
      throw error;
    });
    await viewer.getByText('No user yet').waitFor();
    // The segments list (what the offer also waits for) has answered for the viewer too.
    await viewer.waitForLoadState('networkidle');
    expect(await viewer.getByRole('button', { name: 'Load sample data' }).count()).toBe(0);
    await shot('empty-viewer', viewer);
    await viewerContext.close();
  }, 90_000);

  it('Load sample data shows its progress, then fills the Users & Segments page', async () => {
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await page.getByRole('status').filter({ hasText: 'Loading sample data…' }).waitFor();
    await shot('loading');

    const users = page.getByRole('table', { name: 'Users' });
    await users.waitFor({ timeout: 90_000 });
    expect(await users.getByRole('row').count()).toBe(41); // the header and 40 users
    expect(await page.getByRole('button', { name: 'Load sample data' }).count()).toBe(0);
    await shot('users-loaded');

    await page.getByRole('tab', { name: 'Segments' }).click();
    const segments = page.getByRole('table', { name: 'Segments' });
    await segments.waitFor();
    for (const name of [
      'Active this week',
      'Paying customers',
      'Power users',
      'Newsletter readers',
    ]) {
      await segments.getByRole('link', { name }).waitFor();
    }
    // Sizes from the membership read model: wait until every one is counted and not zero.
    await page.waitForFunction(
      () => {
        const table = document.querySelector('table[aria-label="Segments"]');
        if (!table) return false;
        const sizes = [...table.querySelectorAll('tbody tr')].map(
          (row) => row.querySelectorAll('td')[2]?.textContent?.trim() ?? '',
        );
        return sizes.length === 6 && sizes.every((size) => /^[1-9][\d,]*$/.test(size));
      },
      undefined,
      { timeout: 45_000, polling: 500 },
    );
    await shot('segments-loaded');
  }, 150_000);

  it("a sample user's page shows custom attributes of every source", async () => {
    await page.getByRole('tab', { name: 'Users' }).click();
    const users = page.getByRole('table', { name: 'Users' });
    // sample-user-001 is known to every source (the dataset: HubSpot by email, Customer.io by id).
    await users.getByRole('link', { name: 'Ada Torvalds' }).click();
    await page.waitForURL(/\/users\/sample-user-001$/);
    const expected = {
      SDK: 'plan',
      'Segment.io Traits': 'company_size',
      HubSpot: 'lifecyclestage',
      'Customer.io': 'newsletter_opt_in',
    };
    for (const [source, key] of Object.entries(expected)) {
      await page.getByRole('table', { name: source }).getByText(key, { exact: true }).waitFor();
    }
    await shot('user-page');
  }, 60_000);

  it('why, and until when: a membership by a relative window says when it ends, and so does the segment', async () => {
    await page.getByRole('button', { name: 'Why in Active this week' }).click();
    const why = page.getByRole('dialog', { name: 'Why Ada Torvalds is in Active this week' });
    await why
      .getByText(
        /^Leaves on .+, when “Last activity within the last 7 days” stops holding \(with no new data\)\.$/,
      )
      .waitFor();
    await shot('why-until-when');
    await page.keyboard.press('Escape');
    await why.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: 'Active this week' }).click();
    await page.getByRole('heading', { name: 'Active this week' }).waitFor();
    // Every sample user was active in the last 7 days; time alone takes them out by then.
    await page.getByText(/^Next 7 days: [1-9]\d* members? leaves?, 0 users join\.$/).waitFor();
    await shot('segment-forecast');
  }, 60_000);

  it('the builder warns beside the filter that contradicts another, naming it', async () => {
    for (const value of ['pro', 'free']) {
      await page.getByRole('button', { name: 'Add filter' }).last().click();
      const added = page.getByRole('group', { name: /^Filter \d+$/ }).last();
      await added
        .getByRole('combobox', { name: 'Category' })
        .selectOption({ label: 'Custom attributes' });
      await added
        .getByRole('combobox', { name: 'Attribute' })
        .selectOption({ label: 'plan (string)' });
      await added.getByLabel('Value').fill(value);
    }
    const third = page.getByRole('group', { name: 'Filter 3' });
    await third
      .getByText(
        "Warning: contradicts another filter of this AND: plan (sdk) cannot equal 'pro' and 'free' at once (with filter 2)",
      )
      .waitFor();
    // The filter it names says nothing itself.
    expect(
      await page
        .getByRole('group', { name: 'Filter 2' })
        .getByText(/^Warning:/)
        .count(),
    ).toBe(0);
    await shot('builder-lint');
  }, 60_000);
});
