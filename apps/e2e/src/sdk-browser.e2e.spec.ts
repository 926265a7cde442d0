// The browser build of the SDK in Chromium against the running system: a page on another
// origin loads dist/libs/sdk/index.mjs, identifies and tracks; the gateway becomes
// unreachable (every request to it aborted), the page tracks more, reloads, comes back
// online: every event arrives exactly once, a segment on those events now includes the
// user, and experiences() answers the experience targeted at that segment.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { waitFor } from '@seg/testing';
import type { Browser, Page } from 'playwright-core';
import { api, createWorkspace, gatewayUrl, type TestWorkspace } from './support/api';
import { launchChromium, screenshotDir } from './support/browser';

const SDK_DIR = path.resolve(__dirname, '../../../dist/libs/sdk');
const USER = 'browser-user-1';

/** The customer's site: a page that starts the SDK and exposes it to the test. */
function sitePage(ws: TestWorkspace): string {
  return `<!doctype html><html><head><title>Customer site</title></head><body>
<h1>Customer site</h1>
<script type="module">
  import * as sdk from '/sdk/index.mjs';
  sdk.init({ writeKey: ${JSON.stringify(ws.publicKey)}, host: ${JSON.stringify(gatewayUrl())},
    flushInterval: 200, maxRetries: 1 });
  window.sdk = sdk;
  window.sdkReady = true;
</script></body></html>`;
}

declare global {
  interface Window {
    sdk: typeof import('@segplatform/sdk');
    sdkReady: boolean;
  }
}

describe('SDK (browser) in Chromium', () => {
  let browser: Browser;
  let site: Server;
  let siteUrl: string;
  let ws: TestWorkspace;
  let segmentId: string;
  let experienceId: string;
  const shots = screenshotDir('sdk-browser');

  const eventCounts = async () =>
    Object.fromEntries(
      (
        await api<Array<{ name: string; count: number }>>('GET', '/v1/events', {
          key: ws.secretKey,
        })
      ).body.map((item) => [item.name, item.count]),
    );

  beforeAll(async () => {
    ws = await createWorkspace('sdk browser');
    const secret = (body?: unknown) => ({ key: ws.secretKey, body });
    const segment = await api<{ id: string }>(
      'POST',
      '/v1/segments',
      secret({
        name: 'Exported offline',
        rules: {
          type: 'group',
          operator: 'and',
          conditions: [{ type: 'event', source: 'jimo', name: 'Offline 3' }],
        },
      }),
    );
    expect(segment.status).toBe(201);
    segmentId = segment.body.id;
    const experience = await api<{ id: string }>(
      'POST',
      '/v1/experiences',
      secret({
        name: 'For offline exporters',
        type: 'banner',
        steps: [{ id: 's1', kind: 'message' }],
        audience: { mode: 'segments', segmentIds: [segmentId] },
      }),
    );
    experienceId = experience.body.id;
    expect((await api('POST', `/v1/experiences/${experienceId}/publish`, secret())).status).toBe(
      200,
    );

    site = createServer((request, response) => {
      if (request.url?.startsWith('/sdk/')) {
        const file = path.join(SDK_DIR, path.basename(request.url));
        response.writeHead(200, { 'content-type': 'text/javascript' });
        response.end(readFileSync(file));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(sitePage(ws));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    site?.closeAllConnections();
    await new Promise((resolve) => site?.close(resolve));
  });

  async function open(page: Page): Promise<void> {
    await page.goto(siteUrl);
    await page.waitForFunction(() => window.sdkReady === true);
  }

  it('queues while the API is unreachable, delivers each event once when back, and targets', async () => {
    const page = await browser.newPage();
    await open(page);
    await page.evaluate(async (user) => {
      window.sdk.identify(user, { plan: 'pro' });
      window.sdk.track('Online 1', { step: 1 });
      await window.sdk.flush();
    }, USER);
    await waitFor(eventCounts, {
      until: (counts) => counts['Online 1'] === 1,
      timeoutMs: 15_000,
      what: 'the first event',
    });
    expect(await page.evaluate(() => window.sdk.experiences())).toEqual([]);

    // Offline: every request to the gateway fails at the network level.
    const gateway = `${gatewayUrl()}/**`;
    await page.route(gateway, (route) => route.abort('internetdisconnected'));
    await page.evaluate(async () => {
      for (const n of [2, 3, 4]) window.sdk.track(`Offline ${n}`, { n });
      await window.sdk.flush();
    });
    const queued = await page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([key]) => key.endsWith(':queue'))
        .map(([, value]) => (JSON.parse(value) as unknown[]).length),
    );
    expect(queued).toEqual([3]);
    // Still offline, the page is reloaded: the queue survives in localStorage.
    await page.reload();
    await page.waitForFunction(() => window.sdkReady === true);
    await page.screenshot({ path: path.join(shots, 'offline-reloaded.png') });

    // Back online: what waited is sent (the reload's flush, or the next one).
    await page.unroute(gateway);
    await page.evaluate(() => window.sdk.flush());
    const counts = await waitFor(eventCounts, {
      until: (c) => c['Offline 2'] === 1 && c['Offline 3'] === 1 && c['Offline 4'] === 1,
      timeoutMs: 15_000,
      what: 'the offline events',
    });
    expect(counts).toMatchObject({ 'Online 1': 1, 'Offline 2': 1, 'Offline 3': 1, 'Offline 4': 1 });

    // The segment on those events now includes the user, and targeting follows.
    await waitFor(
      async () =>
        (
          await api<{ member: boolean }>('GET', `/v1/segments/${segmentId}/users/${USER}`, {
            key: ws.secretKey,
          })
        ).body.member,
      { timeoutMs: 15_000, what: `${USER} in the segment` },
    );
    const targeted = await waitFor(() => page.evaluate(() => window.sdk.experiences()), {
      until: (list) => list.length > 0,
      timeoutMs: 5_000,
      what: 'the experience targeted',
    });
    expect(targeted.map((e) => e.id)).toEqual([experienceId]);
    // Asked again: the SDK's conditional request keeps the same answer (304 under the hood).
    expect((await page.evaluate(() => window.sdk.experiences())).map((e) => e.id)).toEqual([
      experienceId,
    ]);
    await page.screenshot({ path: path.join(shots, 'back-online.png') });

    // Nothing was sent twice, whatever the retries and the reload did.
    expect(await eventCounts()).toMatchObject({
      'Online 1': 1,
      'Offline 2': 1,
      'Offline 3': 1,
      'Offline 4': 1,
    });
    await page.close();
  });
});
