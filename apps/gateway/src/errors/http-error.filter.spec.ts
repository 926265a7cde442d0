import type { ArgumentsHost } from '@nestjs/common';
import { DomainError, type ErrorBody } from '@seg/contracts';
import { MongoNetworkError } from 'mongodb';
import { HttpErrorFilter } from './http-error.filter';

/** What the filter wrote: status, headers and body. */
function answer(exception: unknown) {
  const headers = new Map<string, string>();
  const written: { status?: number; body?: Record<string, unknown> } = {};
  const response = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    getHeaderNames: () => [...headers.keys()],
    status(code: number) {
      written.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      written.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as ArgumentsHost;
  new HttpErrorFilter().catch(exception, host);
  return { ...written, headers };
}

describe('HttpErrorFilter', () => {
  it('answers a service whose database is briefly away with 503 and its Retry-After', () => {
    const body: ErrorBody = {
      code: 'SERVICE_UNAVAILABLE',
      message: 'The database is unreachable for a moment; try again shortly',
      meta: { retryAfter: 2 },
    };
    const sent = answer(DomainError.fromBody(body));
    expect(sent.status).toBe(503);
    expect(sent.headers.get('retry-after')).toBe('2');
    expect(sent.body).toMatchObject({ error: 'ServiceUnavailable', message: body.message });
  });

  it('answers the gateway’s own read meeting an unreachable database the same way', () => {
    const sent = answer(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'));
    expect(sent.status).toBe(503);
    expect(sent.headers.get('retry-after')).toBe('2');
    expect(sent.body).toMatchObject({ error: 'ServiceUnavailable' });
  });

  it('sends no Retry-After with a 503 that names no wait', () => {
    const sent = answer(
      new DomainError('SERVICE_UNAVAILABLE', 'The segments service did not answer'),
    );
    expect(sent.status).toBe(503);
    expect(sent.headers.has('retry-after')).toBe(false);
  });
});
