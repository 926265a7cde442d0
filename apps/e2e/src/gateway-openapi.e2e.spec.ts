// The OpenAPI document describes the endpoints with their auth schemes.
import { gatewayUrl } from './support/api';

interface OpenApiOperation {
  security?: Array<Record<string, string[]>>;
  requestBody?: unknown;
  responses?: Record<string, { content?: unknown }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { securitySchemes: Record<string, { type: string; scheme: string }> };
}

describe('gateway: OpenAPI', () => {
  let document: OpenApiDocument;

  beforeAll(async () => {
    document = (await (await fetch(`${gatewayUrl()}/docs-json`)).json()) as OpenApiDocument;
  });

  it('declares the bearer and the basic auth schemes', () => {
    expect(document.components.securitySchemes).toMatchObject({
      key: { type: 'http', scheme: 'bearer' },
      segment: { type: 'http', scheme: 'basic' },
      admin: { type: 'http', scheme: 'bearer' },
    });
  });

  it('documents the workspace endpoints with their security and bodies', () => {
    expect(document.paths['/v1/workspaces']?.['post']).toMatchObject({
      security: [{ admin: [] }],
      requestBody: {
        content: {
          'application/json': {
            schema: { type: 'object', required: ['name'], properties: { name: expect.anything() } },
          },
        },
      },
      responses: { '201': expect.anything(), '400': expect.anything(), '401': expect.anything() },
    });
    expect(document.paths['/v1/workspaces/current']?.['get']?.security).toEqual([{ key: [] }]);
    expect(document.paths['/v1/workspaces/current/keys/rotate']?.['post']).toBeDefined();
  });

  it('gives every operation a success schema and every body-taking one its request body', () => {
    // Operations that take no body by design (the sample data is the product's own, not sent).
    const bodyless = ['/publish', '/unpublish', '/sync', '/sample-data'];
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses ?? {}).find(([code]) =>
          code.startsWith('2'),
        );
        if (!success?.[1].content) missing.push(`${method} ${path}: no 2xx schema`);
        const takesBody = ['post', 'put'].includes(method);
        if (takesBody && !operation.requestBody && !bodyless.some((end) => path.endsWith(end))) {
          missing.push(`${method} ${path}: no request body`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
