// Integrations through the gateway, the integrations service and its worker (separate
// processes). Full syncs against the vendor fakes run in apps/integrations; here a
// stand-in HubSpot that refuses every token (its URL goes in the connection settings,
// accepted because the system runs with NODE_ENV=test).
import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@seg/testing';
import { api, createWorkspace, TestWorkspace } from './support/api';

interface Run {
  id: string;
  status: string;
  stats: Record<string, number>;
  error?: string;
}

describe('integrations through the gateway', () => {
  const hubspot = { accessToken: 'pat-na1-e2e-token', url: '' };
  let server: Server;
  let workspace: TestWorkspace;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'error',
          message: 'Authentication credentials not found.',
          category: 'INVALID_AUTHENTICATION',
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hubspot.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    workspace = await createWorkspace('integrations e2e');
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function waitForRun(runId: string): Promise<Run> {
    const finished = (run: Run | undefined) =>
      run !== undefined && (run.status === 'succeeded' || run.status === 'failed');
    const run = await waitFor(
      async () =>
        (
          await api<Run[]>('GET', '/v1/integrations/hubspot/runs', { key: workspace.secretKey })
        ).body.find((r) => r.id === runId),
      { until: finished, timeoutMs: 20_000, intervalMs: 100, what: `run ${runId} finished` },
    );
    return run as Run;
  }

  it('connects HubSpot, never returns the token, and queues a run on demand', async () => {
    const put = await api<Record<string, unknown>>('PUT', '/v1/integrations/hubspot', {
      key: workspace.secretKey,
      body: { accessToken: hubspot.accessToken, apiBaseUrl: hubspot.url, intervalMinutes: 30 },
    });
    expect(put.status).toBe(200);
    expect(JSON.stringify(put.body)).not.toContain(hubspot.accessToken);
    expect(put.body).toMatchObject({
      provider: 'hubspot',
      intervalMinutes: 30,
      settings: { accessToken: { set: true, last4: hubspot.accessToken.slice(-4) } },
    });

    const first = await api<{ runId: string }>('POST', '/v1/integrations/hubspot/sync', {
      key: workspace.secretKey,
    });
    const second = await api<{ runId: string }>('POST', '/v1/integrations/hubspot/sync', {
      key: workspace.secretKey,
    });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    const run = await waitForRun(first.body.runId);
    // The stand-in refuses every token: the run fails at once, with a clear message.
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/HubSpot rejected the access token \(401\)/);

    const list = await api<{ integrations: unknown[] }>('GET', '/v1/integrations', {
      key: workspace.secretKey,
    });
    expect(JSON.stringify(list.body)).not.toContain(hubspot.accessToken);
    expect(list.body.integrations).toHaveLength(1);
  });

  it('rejects a connection without the secret key, and invalid settings with 400', async () => {
    const noKey = await api('PUT', '/v1/integrations/hubspot', { body: { accessToken: 'x' } });
    expect(noKey.status).toBe(401);
    const invalid = await api('PUT', '/v1/integrations/customerio', {
      key: workspace.secretKey,
      body: { appApiKey: 'short' },
    });
    expect(invalid.status).toBe(400);
  });

  it('verifies the Segment.io signature on the raw body and dedupes by messageId', async () => {
    const secret = 'segment-shared-secret';
    const put = await api<{ webhookUrl: string }>('PUT', '/v1/integrations/segment', {
      key: workspace.secretKey,
      body: { sharedSecret: secret },
    });
    expect(put.status).toBe(200);
    expect(put.body.webhookUrl).toMatch(/\/v1\/integrations\/segment\/webhook\/ws_/);
    const path = `/v1/integrations/segment/webhook/${workspace.id}`;
    // Spacing kept on purpose: the signature covers the bytes, not the parsed JSON.
    const body = `[ {"type":"identify","userId":"u1","messageId":"m1","traits":{"plan":"pro"}} ]`;
    const sign = (text: string) => createHmac('sha1', secret).update(text).digest('hex');

    const bad = await api('POST', path, {
      body,
      headers: { 'x-signature': sign('something else') },
    });
    expect(bad.status).toBe(401);
    const good = await api('POST', path, { body, headers: { 'x-signature': sign(body) } });
    expect(good).toMatchObject({ status: 200, body: { accepted: 1, duplicates: 0 } });
    const again = await api('POST', path, { body, headers: { 'x-signature': sign(body) } });
    expect(again).toMatchObject({ status: 200, body: { accepted: 1, duplicates: 1 } });
  });
});
