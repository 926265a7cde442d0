import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsText } from './registry';

/** Answers a Prometheus scrape (any framework's request/response over node:http). */
export async function serveMetrics(_request: IncomingMessage, response: ServerResponse) {
  try {
    const { contentType, body } = await metricsText();
    response.writeHead(200, { 'content-type': contentType }).end(body);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
}

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/**
 * A listener of its own for `/metrics` (the gateway's: its API port is public, so its
 * metrics are served on an internal port instead). Anything else answers 404.
 */
export function listenForMetrics(port: number, host: string): Promise<MetricsListener> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/metrics')
      return void serveMetrics(request, response);
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${bound}/metrics`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
