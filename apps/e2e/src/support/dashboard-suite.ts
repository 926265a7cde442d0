// What every dashboard suite in Chromium sets up: a gateway of its own (its own database for
// accounts and workspaces, the same services: a fresh install whatever the other suites do), a
// Chromium with one context and page, screenshots under the run's log folder (the page as it was
// after each test, kept for review), the first account made through Create account, and calls
// with the page's session as the dashboard makes them.
import { randomBytes } from 'node:crypto';
import type { APIResponse, Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotDir } from './browser';
import { startExtraGateway, type ExtraInstance } from './extra-instance';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Account {
  name: string;
  email: string;
  password: string;
}

export interface DashboardSuite {
  readonly gateway: ExtraInstance;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly shots: string;
  /** The first account's workspace and CSRF token (set by `createFirstAccount`). */
  workspaceId: string;
  csrfToken: string;
  shot(name: string, on?: Page): Promise<Buffer>;
  /** A call with `on`'s session cookie; `csrf: null` leaves the CSRF header out. */
  call(
    on: Page,
    method: Method,
    path: string,
    body?: unknown,
    csrf?: string | null,
  ): Promise<APIResponse>;
  /** Create account on the fresh install, landing on Users & Segments. */
  createFirstAccount(account: Account, beforeSubmit?: () => Promise<unknown>): Promise<void>;
}

/** Registers the suite's beforeAll/afterEach/afterAll; `name` names its screenshots folder. */
export function dashboardSuite(name: string): DashboardSuite {
  let gateway: ExtraInstance | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const shots = screenshotDir(name);
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the dashboard suite has no ${what} yet`);
    return value;
  };

  const suite: DashboardSuite = {
    get gateway() {
      return ready(gateway, 'gateway');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get context() {
      return ready(context, 'context');
    },
    get page() {
      return ready(page, 'page');
    },
    shots,
    workspaceId: '',
    csrfToken: '',
    shot: (shotName, on = suite.page) =>
      on.screenshot({ path: `${shots}/${shotName}.png`, fullPage: true, animations: 'disabled' }),
    call: (on, method, path, body, csrf = suite.csrfToken) =>
      on.request.fetch(`${suite.gateway.url}${path}`, {
        method,
        headers: {
          'x-workspace-id': suite.workspaceId,
          ...(csrf ? { 'x-csrf-token': csrf } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        data: body === undefined ? undefined : JSON.stringify(body),
      }),
    createFirstAccount: async (account, beforeSubmit) => {
      const on = suite.page;
      await on.goto(`${suite.gateway.url}/`);
      await on.getByRole('heading', { name: 'Create account' }).waitFor();
      await beforeSubmit?.();
      await on.getByRole('textbox', { name: 'Name' }).fill(account.name);
      await on.getByRole('textbox', { name: 'Email' }).fill(account.email);
      await on.getByRole('textbox', { name: 'Password' }).fill(account.password);
      await on.getByRole('button', { name: 'Create account' }).click();
      await on.waitForURL(/\/users$/);
      await on.getByRole('link', { name: 'Users & Segments' }).waitFor();
      const me = (await (await on.request.get(`${suite.gateway.url}/v1/auth/me`)).json()) as {
        workspaces: Array<{ id: string; role: string }>;
        csrfToken: string;
      };
      if (me.workspaces.length !== 1 || me.workspaces[0]?.role !== 'admin') {
        throw new Error(
          `the first account is not the admin of one workspace: ${JSON.stringify(me)}`,
        );
      }
      suite.workspaceId = me.workspaces[0].id;
      suite.csrfToken = me.csrfToken;
    },
  };

  beforeAll(async () => {
    const env = JSON.parse(process.env['E2E_SERVICE_ENV'] as string) as Record<string, string>;
    const suffix = `${name.replace(/\W+/g, '').slice(0, 12)}_${randomBytes(3).toString('hex')}`;
    [gateway, browser] = await Promise.all([
      startExtraGateway(`gateway-${name}`, { MONGODB_DB: `${env['MONGODB_DB']}_${suffix}` }),
      launchChromium(),
    ]);
    context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    // Under Jest's time per test: a missing control fails with its locator, not a timeout.
    context.setDefaultTimeout(15_000);
  }, 120_000);

  afterEach(async () => {
    // What the page showed when a step failed (or the last step of each test).
    const test = expect.getState().currentTestName?.slice(0, 40).replace(/\W+/g, '-');
    await page?.screenshot({ path: `${shots}/last-${test}.png` }).catch(() => undefined);
  });

  afterAll(async () => {
    console.log(`${name} screenshots: ${shots}`);
    await browser?.close();
    await gateway?.stop();
  });

  return suite;
}
