import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is instead of `body` (truncated or malformed JSON, an HTML error page). */
  raw?: string;
  /** Held this long before answering (a vendor that times out). */
  delayMs?: number;
}

/** A real local HTTP server answering JSON through `handle`; every request is logged. */
export abstract class FakeVendorServer {
  readonly requests: Array<{ method: string; path: string; at: number }> = [];
  private server: Server | undefined;
  url = '';

  protected abstract handle(request: FakeRequest): FakeReply | Promise<FakeReply>;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.serve(req, res));
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, at: Date.now() });
    let reply: FakeReply;
    try {
      reply = await this.handle({
        method: req.method ?? 'GET',
        url,
        headers: req.headers,
        body: text === '' ? undefined : JSON.parse(text),
      });
    } catch (error) {
      reply = { status: 500, body: { message: String(error) } };
    }
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    // The client may have given up meanwhile.
    if (res.destroyed) return;
    res.writeHead(reply.status, {
      'content-type': 'application/json;charset=utf-8',
      ...reply.headers,
    });
    res.end(reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)));
  }
}

/** Requests seen in the last `windowMs` (a rolling window, as the vendors count). */
export function countSince(requests: Array<{ at: number }>, windowMs: number): number {
  const since = Date.now() - windowMs;
  let count = 0;
  for (let i = requests.length - 1; i >= 0 && (requests[i]?.at ?? 0) > since; i -= 1) count += 1;
  return count;
}
