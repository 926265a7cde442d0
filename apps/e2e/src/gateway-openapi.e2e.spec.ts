// The OpenAPI document describes the endpoints with their auth schemes.
import { gatewayUrl } from './support/api';

interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>>;
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
});
