import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { Request } from 'express';
import { sdkCors } from './sdk-cors';

const routes = {
  isSdkRoute: (path: string, method: string) => path === '/v1/track' && method === 'POST',
};

function optionsFor(method: string, path: string, requestMethod?: string): CorsOptions {
  const request = {
    method,
    path,
    header: (name: string) =>
      name === 'access-control-request-method' ? requestMethod : undefined,
  } as unknown as Request;
  let options: CorsOptions | undefined;
  sdkCors(routes)(request, (_error, value) => {
    options = value;
  });
  return options as CorsOptions;
}

describe('sdkCors', () => {
  it('opens SDK routes to any origin, preflight included', () => {
    expect(optionsFor('POST', '/v1/track').origin).toBe('*');
    expect(optionsFor('OPTIONS', '/v1/track', 'POST').origin).toBe('*');
  });

  it('keeps every other route closed', () => {
    expect(optionsFor('GET', '/v1/track').origin).toBe(false);
    expect(optionsFor('OPTIONS', '/v1/track').origin).toBe(false);
    expect(optionsFor('OPTIONS', '/v1/users', 'GET').origin).toBe(false);
  });
});
