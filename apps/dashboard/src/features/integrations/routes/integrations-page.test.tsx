import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ME, renderApp } from '../../../test/render-app';

const stats = { fetched: 0, created: 0, updated: 0, skipped: 0, failed: 0, unmatched: 0 };
const run = (over: object) => ({
  id: 'run_1',
  provider: 'hubspot',
  status: 'succeeded',
  trigger: 'manual',
  queuedAt: '2026-11-30T10:00:00.000Z',
  startedAt: '2026-11-30T10:00:01.000Z',
  finishedAt: '2026-11-30T10:00:31.000Z',
  attempts: 1,
  stats: { ...stats, fetched: 1200, created: 40, updated: 3, unmatched: 1157 },
  ...over,
});
const HUBSPOT = {
  provider: 'hubspot',
  settings: { accessToken: { set: true, last4: 'ab12' }, properties: ['lifecyclestage'] },
  status: 'connected',
  intervalMinutes: 60,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  lastRun: run({}),
};
const SEGMENT = {
  provider: 'segment',
  settings: { sharedSecret: { set: true, last4: 'wxyz' } },
  status: 'connected',
  intervalMinutes: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  lastRun: null,
  webhookPath: '/v1/integrations/segment/webhook/ws_1',
};

const card = async (name: string) => within(await screen.findByRole('region', { name }));

describe('the Integrations page', () => {
  it('shows a card per provider: settings masked, the webhook URL, the runs with their stats and errors', async () => {
    renderApp('/integrations', {
      'GET /v1/integrations': () => ({ integrations: [HUBSPOT, SEGMENT] }),
      'GET /v1/integrations/hubspot/runs': () => [
        run({ id: 'run_2', status: 'failed', error: 'HubSpot rejected the access token (401)' }),
        run({}),
      ],
    });
    const segment = await card('Segment.io');
    expect(segment.getByText('Connected')).toBeInTheDocument();
    expect(segment.getByLabelText('Webhook URL')).toHaveTextContent(
      `${window.location.origin}/v1/integrations/segment/webhook/ws_1`,
    );
    expect(segment.getByText('••••wxyz')).toBeInTheDocument();

    const hubspot = await card('HubSpot');
    expect(hubspot.getByText('••••ab12')).toBeInTheDocument();
    expect(hubspot.getByText('lifecyclestage')).toBeInTheDocument();
    expect(hubspot.getByText('every hour')).toBeInTheDocument();
    const runs = within(await hubspot.findByRole('table', { name: 'HubSpot runs' }));
    expect(runs.getByText('HubSpot rejected the access token (401)')).toBeInTheDocument();
    expect(runs.getAllByText('1,200')).toHaveLength(2);
    expect(runs.getAllByText('Failed').length).toBeGreaterThan(0);

    const customerio = await card('Customer.io');
    expect(customerio.getByText('Not connected')).toBeInTheDocument();
    expect(customerio.getByRole('button', { name: 'Connect' })).toBeInTheDocument();
  });

  it('connects HubSpot with its token, properties and interval, never showing the token back', async () => {
    let connected = false;
    const app = renderApp('/integrations', {
      'GET /v1/integrations': () => ({ integrations: connected ? [HUBSPOT] : [] }),
      'GET /v1/integrations/hubspot/runs': () => [],
      'PUT /v1/integrations/hubspot': () => {
        connected = true;
        // A connection has a `status` of its own: the answer is given whole.
        return { status: 200, body: HUBSPOT };
      },
    });
    const hubspot = await card('HubSpot');
    await app.user.click(hubspot.getByRole('button', { name: 'Connect' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Connect HubSpot' }));
    await app.user.type(dialog.getByLabelText(/Access token/), 'pat-na1-secret-ab12');
    await app.user.type(
      dialog.getByRole('textbox', { name: 'Properties' }),
      'lifecyclestage, plan',
    );
    await app.user.selectOptions(dialog.getByRole('combobox', { name: 'Sync interval' }), '30');
    await app.user.click(dialog.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(app.callsTo('PUT', '/v1/integrations/hubspot')).toHaveLength(1));
    const [call] = app.callsTo('PUT', '/v1/integrations/hubspot');
    expect(call.body).toEqual({
      accessToken: 'pat-na1-secret-ab12',
      properties: ['lifecyclestage', 'plan'],
      intervalMinutes: 30,
    });
    expect(call.headers.get('X-CSRF-Token')).toBe('csrf-1');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await (await card('HubSpot')).findByText('••••ab12')).toBeInTheDocument();
    expect(screen.queryByText('pat-na1-secret-ab12')).toBeNull();
  });

  it("shows the API's 400 next to the field it names", async () => {
    const app = renderApp('/integrations', {
      'GET /v1/integrations': () => ({ integrations: [] }),
      'PUT /v1/integrations/customerio': () => ({
        status: 400,
        body: {
          error: 'ValidationFailed',
          message: 'Invalid customerio settings',
          details: [
            { path: 'body.appApiKey', message: 'Too small: expected at least 8 characters' },
          ],
        },
      }),
    });
    await app.user.click((await card('Customer.io')).getByRole('button', { name: 'Connect' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Connect Customer.io' }));
    await app.user.type(dialog.getByLabelText(/App API key/), 'short');
    await app.user.selectOptions(dialog.getByRole('combobox', { name: 'Region' }), 'eu');
    await app.user.click(dialog.getByRole('button', { name: 'Connect' }));
    expect(
      await dialog.findByText('Too small: expected at least 8 characters'),
    ).toBeInTheDocument();
    expect(app.callsTo('PUT', '/v1/integrations/customerio')[0].body).toMatchObject({
      appApiKey: 'short',
      region: 'eu',
    });
  });

  it('Sync now queues a run and the table follows its progress until it finishes', async () => {
    let polls = 0;
    let synced = false;
    const running = run({
      id: 'run_3',
      status: 'running',
      finishedAt: null,
      stats: { ...stats, fetched: 200, created: 10 },
    });
    const app = renderApp('/integrations', {
      // The connection's last run stays the old one: only the runs tell of the new run.
      'GET /v1/integrations': () => ({ integrations: [HUBSPOT] }),
      'GET /v1/integrations/hubspot/runs': () => {
        if (!synced) return [run({})];
        polls += 1;
        return polls < 3 ? [running, run({})] : [run({ id: 'run_3' }), run({})];
      },
      'POST /v1/integrations/hubspot/sync': () => {
        synced = true;
        return { status: 202, body: { runId: 'run_3', status: 'queued', alreadyActive: false } };
      },
    });
    const hubspot = await card('HubSpot');
    await hubspot.findByRole('table', { name: 'HubSpot runs' });
    await app.user.click(hubspot.getByRole('button', { name: 'Sync now' }));
    const progress = await hubspot.findByRole('status', { name: 'Sync progress' });
    expect(progress).toHaveTextContent('200 records fetched, 10 users written so far');
    // Sync now waits while a run is active.
    expect(hubspot.getByRole('button', { name: 'Sync now' })).toBeDisabled();
    const listReads = app.callsTo('GET', '/v1/integrations').length;
    // Polled again without a click: the run finishes and its progress goes away.
    await waitFor(
      () => expect(hubspot.queryByRole('status', { name: 'Sync progress' })).toBeNull(),
      { timeout: 6_000 },
    );
    // Its end reads the connections again (and the builder's catalog).
    await waitFor(() =>
      expect(app.callsTo('GET', '/v1/integrations').length).toBeGreaterThan(listReads),
    );
    expect(hubspot.getByRole('button', { name: 'Sync now' })).toBeEnabled();
    expect(app.callsTo('POST', '/v1/integrations/hubspot/sync')).toHaveLength(1);
  });

  it('Disconnect asks first and says synced attributes stay', async () => {
    const app = renderApp('/integrations', {
      'GET /v1/integrations': () => ({ integrations: [SEGMENT] }),
      'DELETE /v1/integrations/segment': () => ({ deleted: true }),
    });
    await app.user.click((await card('Segment.io')).getByRole('button', { name: 'Disconnect' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Disconnect Segment.io?' }));
    expect(dialog.getByText(/Attributes already synced from Segment.io stay/)).toBeInTheDocument();
    expect(app.callsTo('DELETE', '/v1/integrations/segment')).toHaveLength(0);
    await app.user.click(dialog.getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(app.callsTo('DELETE', '/v1/integrations/segment')).toHaveLength(1));
  });

  it('shows an editor the connections but no control that changes them', async () => {
    renderApp('/integrations', {
      'GET /v1/auth/me': () => ({
        ...ME,
        workspaces: [{ id: 'ws_1', name: 'Acme', role: 'editor' }],
      }),
      'GET /v1/integrations': () => ({ integrations: [HUBSPOT] }),
      'GET /v1/integrations/hubspot/runs': () => [run({})],
    });
    const hubspot = await card('HubSpot');
    await hubspot.findByRole('table', { name: 'HubSpot runs' });
    for (const name of ['Sync now', 'Change', 'Disconnect', 'Connect']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(
      (await card('Customer.io')).getByText(/An admin of this workspace can connect it/),
    ).toBeInTheDocument();
  });

  it("shows the API's message when the connections cannot be read", async () => {
    renderApp('/integrations', {
      'GET /v1/integrations': () => ({
        status: 503,
        body: { error: 'Unavailable', message: 'The integrations service did not answer' },
      }),
    });
    expect(await screen.findByText('The integrations service did not answer')).toBeInTheDocument();
  });
});
