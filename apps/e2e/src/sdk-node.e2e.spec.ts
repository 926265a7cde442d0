// The Node build of the SDK through a gateway that fails a third of the requests: every
// event arrives, none twice. Between the SDK and the gateway, a proxy answers 503 to every
// third request: half of those it never forwards, the other half it forwards and answers
// 503 anyway (the answer lost on the way back), so retries resend messages the API has
// already stored, and only their messageIds keep them from counting twice.
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@seg/testing';
import { createClient } from '@segplatform/sdk/node';
import { api, createWorkspace, gatewayUrl, type TestWorkspace } from './support/api';

const EVENTS = 10_000;
const USERS = 50;

describe('SDK (Node) through a failing gateway', () => {
  let ws: TestWorkspace;
  let proxy: Server;
  let proxyUrl: string;
  const counts = { requests: 0, refused: 0, lost: 0 };

  beforeAll(async () => {
    ws = await createWorkspace('sdk node');
    const target = new URL(gatewayUrl());
    proxy = createServer((incoming, outgoing) => {
      const n = ++counts.requests;
      const fail = n % 3 === 0;
      if (fail && n % 2 === 0) {
        counts.refused++;
        incoming.resume();
        outgoing.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
        outgoing.end('{"error":"ServiceUnavailable","message":"proxy refused"}');
        return;
      }
      const upstream = forward(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          if (fail) {
            counts.lost++;
            answer.resume();
            outgoing.writeHead(503, { 'content-type': 'application/json' });
            outgoing.end('{"error":"ServiceUnavailable","message":"answer lost"}');
            return;
          }
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      upstream.on('error', () => outgoing.destroy());
      incoming.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  });

  it(`delivers ${EVENTS} events exactly once`, async () => {
    const errors: unknown[] = [];
    const client = createClient({
      writeKey: ws.secretKey,
      host: proxyUrl,
      flushAt: 250,
      maxRetries: 20,
      onError: (error) => errors.push(error),
    });
    for (let i = 0; i < EVENTS; i++) {
      client.track('SDK Load', { i }, { userId: `sdk-user-${i % USERS}` });
    }
    const started = Date.now();
    await client.close();
    // The retry figures of the closing notes.
    console.log(
      `sdk-node: ${EVENTS} events in ${counts.requests} requests (${counts.refused} refused, ${counts.lost} answers lost), delivered in ${Date.now() - started} ms`,
    );
    expect(errors).toEqual([]);
    expect(client.pending).toBe(0);
    // The proxy did fail a third of the requests, both ways.
    expect(counts.refused).toBeGreaterThan(0);
    expect(counts.lost).toBeGreaterThan(0);

    const event = await waitFor(
      async () =>
        (
          await api<Array<{ source: string; name: string; count: number }>>('GET', '/v1/events', {
            key: ws.secretKey,
          })
        ).body.find((item) => item.name === 'SDK Load'),
      {
        until: (found) => (found?.count ?? 0) >= EVENTS,
        timeoutMs: 60_000,
        what: `${EVENTS} events applied`,
      },
    );
    expect(event?.count).toBe(EVENTS);
    // A later message (the sentinel, same path): once applied, a late duplicate would be too.
    client.track('SDK Sentinel', {}, { userId: 'sdk-user-0' });
    await client.close();
    await waitFor(
      async () =>
        (await api<Array<{ name: string }>>('GET', '/v1/events', { key: ws.secretKey })).body.some(
          (item) => item.name === 'SDK Sentinel',
        ),
      { timeoutMs: 30_000, what: 'the sentinel applied' },
    );
    const after = (
      await api<Array<{ name: string; count: number }>>('GET', '/v1/events', { key: ws.secretKey })
    ).body.find((item) => item.name === 'SDK Load');
    expect(after?.count).toBe(EVENTS);
  }, 120_000);
});
