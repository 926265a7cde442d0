// Prometheus metrics of the running system: every service and worker serves /metrics on its
// internal port (the gateway on its own METRICS_PORT, never on the public API port), and the
// HTTP, bus and job series move when real requests go through.
import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import { waitFor } from '@seg/testing';
import { api, createWorkspace } from './support/api';
import { metricsUrlOf, scrape, valueOf, type Sample } from './support/observability';

const PROCESSES = [
  'gateway',
  'users',
  'segments',
  'experiences',
  'integrations',
  'integrations-worker',
] as const;
type ProcessName = (typeof PROCESSES)[number];

async function metricsUrls(): Promise<Record<ProcessName, string>> {
  const logDir = process.env['E2E_LOG_DIR'];
  if (!logDir) throw new Error('E2E_LOG_DIR is not set (see support/global-setup.cjs)');
  const entries = await Promise.all(
    PROCESSES.map(async (name) => [name, await metricsUrlOf(path.join(logDir, `${name}.log`))]),
  );
  return Object.fromEntries(entries) as Record<ProcessName, string>;
}

describe('metrics', () => {
  let urls: Record<ProcessName, string>;

  beforeAll(async () => {
    urls = await metricsUrls();
  });

  it('every service and worker serves /metrics with its process metrics, labelled by service', async () => {
    for (const name of PROCESSES) {
      const samples = await scrape(urls[name]);
      expect({
        name,
        cpu: valueOf(samples, 'process_cpu_user_seconds_total', { service: name }),
      }).toEqual({ name, cpu: expect.any(Number) });
      expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
      expect(samples.every((s) => s.labels['service'] === name)).toBe(true);
    }
  });

  it('the gateway keeps /metrics off its public API port', async () => {
    expect(urls.gateway).not.toContain(new URL(process.env['E2E_GATEWAY_URL'] ?? '').host);
    // The public port answers /metrics like any unknown path (the dashboard's page), never with metrics.
    const response = await api<string>('GET', '/metrics');
    expect(String(response.body)).not.toContain('process_cpu_user_seconds_total');
  });

  it('HTTP, bus and job series move with real traffic', async () => {
    const before = Object.fromEntries(
      await Promise.all(PROCESSES.map(async (name) => [name, await scrape(urls[name])])),
    ) as Record<ProcessName, Sample[]>;
    const workspace = await createWorkspace('metrics e2e');
    expect((await api('GET', '/v1/attributes', { key: workspace.secretKey })).status).toBe(200);

    // A Segment.io delivery: gateway → integrations (bus) → its worker (BullMQ) → users (bus).
    const secret = 'metrics-e2e-shared-secret';
    const put = await api('PUT', '/v1/integrations/segment', {
      key: workspace.secretKey,
      body: { sharedSecret: secret },
    });
    expect(put.status).toBe(200);
    const body = JSON.stringify([
      {
        type: 'identify',
        userId: 'metrics-u1',
        messageId: `metrics-${randomBytes(6).toString('hex')}`,
        traits: { plan: 'pro' },
      },
    ]);
    const delivered = await api('POST', `/v1/integrations/segment/webhook/${workspace.id}`, {
      body,
      headers: { 'x-signature': createHmac('sha1', secret).update(body).digest('hex') },
    });
    expect(delivered.status).toBe(200);

    const moved = (name: ProcessName, metric: string, labels: Record<string, string>) =>
      waitFor(
        async () => {
          const delta =
            valueOf(await scrape(urls[name]), metric, labels) -
            valueOf(before[name], metric, labels);
          return delta > 0 ? delta : undefined;
        },
        {
          timeoutMs: 30_000,
          intervalMs: 250,
          what: `${name} ${metric} ${JSON.stringify(labels)} to move`,
        },
      );

    await moved('gateway', 'http_request_duration_seconds_count', {
      method: 'GET',
      route: '/v1/attributes',
      status: '200',
    });
    await moved('gateway', 'http_request_duration_seconds_count', {
      method: 'POST',
      route: '/v1/workspaces',
      status: '201',
    });
    await moved('gateway', 'bus_request_duration_seconds_count', {
      pattern: 'users.attributes.list',
      outcome: 'ok',
    });
    await moved('users', 'bus_handle_duration_seconds_count', {
      kind: 'request',
      pattern: 'users.attributes.list',
      outcome: 'ok',
    });
    await moved('integrations-worker', 'bullmq_job_duration_seconds_count', {
      queue: 'integrations.segment',
      job: 'apply',
      outcome: 'completed',
    });

    const worker = await scrape(urls['integrations-worker']);
    expect(
      worker.filter(
        (s) => s.name === 'bullmq_queue_jobs' && s.labels['queue'] === 'integrations.segment',
      ),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: expect.objectContaining({ state: 'completed' }) }),
      ]),
    );
    expect(
      valueOf(worker, 'bullmq_queue_jobs', { queue: 'integrations.segment', state: 'completed' }),
    ).toBeGreaterThan(0);

    const users = await scrape(urls.users);
    const prefix = JSON.parse(process.env['E2E_SERVICE_ENV'] ?? '{}').BUS_PREFIX as string;
    expect(
      users.find((s) => s.name === 'bus_queue_consumers' && s.labels['queue'] === `${prefix}.users`)
        ?.value,
    ).toBeGreaterThan(0);
    expect(
      users.some((s) => s.name === 'bus_queue_messages' && s.labels['queue'] === `${prefix}.users`),
    ).toBe(true);
  }, 60_000);
});
