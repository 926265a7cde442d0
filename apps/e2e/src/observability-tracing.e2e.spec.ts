// One trace across the system: a Segment.io delivery is followed from the gateway's HTTP
// span over the bus into the integrations service (and its MongoDB calls), into the BullMQ
// job its worker runs, and over the bus again into the users service. The services export
// to a real OTLP/HTTP receiver of the test's own; their log lines carry the same trace id.
import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { waitFor } from '@seg/testing';
import { api, type TestWorkspace } from './support/api';
import {
  startOtlpReceiver,
  startOwnSystem,
  type OtlpReceiver,
  type OwnSystem,
  type ReceivedSpan,
} from './support/observability';

const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

describe('tracing', () => {
  let receiver: OtlpReceiver;
  let system: OwnSystem;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    system = await startOwnSystem(
      [
        ['users', 'users/main.js'],
        ['integrations', 'integrations/main.js'],
        ['integrations-worker', 'integrations/worker.js'],
        ['gateway', 'gateway/main.js'],
      ],
      { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' },
    );
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
  });

  it('one trace spans the gateway, the bus, the services, MongoDB and a BullMQ job', async () => {
    const baseUrl = system.gatewayUrl;
    const created = await api<TestWorkspace>('POST', '/v1/workspaces', {
      baseUrl,
      key: system.env['ADMIN_TOKEN'],
      body: { name: 'tracing e2e' },
    });
    expect(created.status).toBe(201);
    const workspace = created.body;
    const secret = 'tracing-e2e-shared-secret';
    const put = await api('PUT', '/v1/integrations/segment', {
      baseUrl,
      key: workspace.secretKey,
      body: { sharedSecret: secret },
    });
    expect(put.status).toBe(200);

    const requestId = `trace-${randomBytes(6).toString('hex')}`;
    const body = JSON.stringify([
      {
        type: 'identify',
        userId: 'trace-u1',
        messageId: `m-${requestId}`,
        traits: { plan: 'pro' },
      },
    ]);
    const delivered = await api('POST', `/v1/integrations/segment/webhook/${workspace.id}`, {
      baseUrl,
      body,
      headers: {
        'x-request-id': requestId,
        'x-signature': createHmac('sha1', secret).update(body).digest('hex'),
      },
    });
    expect(delivered.status).toBe(200);

    const root = await waitFor(
      () =>
        receiver.spans.find(
          (s) =>
            s.service === 'gateway' &&
            s.kind === SERVER &&
            s.attributes['request.id'] === requestId,
        ),
      { timeoutMs: 30_000, intervalMs: 100, what: `the gateway's span of ${requestId}` },
    );
    expect(root.name).toBe('POST /v1/integrations/segment/webhook/:workspaceId');
    expect(root.parentSpanId).toBeUndefined();

    const inTrace = () => receiver.spans.filter((s) => s.traceId === root.traceId);
    const find = (service: string, kind: number, name: RegExp) =>
      inTrace().find((s) => s.service === service && s.kind === kind && name.test(s.name));
    const mongo = (service: string) =>
      inTrace().find(
        (s) =>
          s.service === service &&
          s.kind === CLIENT &&
          (s.attributes['db.system.name'] ?? s.attributes['db.system']) === 'mongodb',
      );
    const trace = await waitFor(
      () => {
        const spans = {
          gatewaySend: find('gateway', CLIENT, / send$/),
          integrationsHandle: find('integrations', SERVER, / process$/),
          integrationsMongo: mongo('integrations'),
          job: find('integrations-worker', CONSUMER, /^integrations\.segment apply process$/),
          usersHandle: find('users', SERVER, / process$/),
          usersMongo: mongo('users'),
        };
        if (Object.values(spans).every(Boolean)) {
          return spans as Record<keyof typeof spans, ReceivedSpan>;
        }
        const seen = inTrace().map((span) => `${span.service}: ${span.name}`);
        throw new Error(`trace ${root.traceId} has only ${JSON.stringify(seen)}`);
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'every span of the trace' },
    );

    // The bus hop: the service's span is the child of the gateway's send, in the same trace.
    expect(trace.gatewaySend.parentSpanId).toBe(root.spanId);
    expect(trace.integrationsHandle.parentSpanId).toBe(trace.gatewaySend.spanId);
    expect(trace.gatewaySend.attributes['messaging.destination.name']).toBe(
      trace.integrationsHandle.attributes['messaging.destination.name'],
    );
    // The job's span continues the trace of the request that queued it.
    const byId = new Map(inTrace().map((s) => [s.spanId, s]));
    expect(byId.get(trace.job.parentSpanId ?? '')?.service).toBe('integrations');
    // Every handler span names the request it served.
    for (const span of [trace.integrationsHandle, trace.job, trace.usersHandle]) {
      expect(span.attributes['request.id']).toBe(requestId);
    }
    expect(receiver.contentTypes.every((type) => type.startsWith('application/json'))).toBe(true);

    // Log lines written while handling it carry the trace id beside the request id.
    const gatewayLog = system.processes.find((p) => p.name === 'gateway')?.logFile ?? '';
    const lines = (await readFile(gatewayLog, 'utf8'))
      .split('\n')
      .filter((l) => l.includes(requestId));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes(`"traceId":"${root.traceId}"`))).toBe(true);
  }, 90_000);
});
