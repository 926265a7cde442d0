import { applyDecorators } from '@nestjs/common';
import { ApiResponse, SchemaObject } from '@nestjs/swagger';

/** The one error shape, as documented in OpenAPI. */
const ERROR_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', example: 'ValidationError' },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request; `details` names every offending path',
  401: 'Missing or unknown key',
  403: 'The key may not call this endpoint',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request body too large',
  429: 'Rate limited; see the `Retry-After` header (seconds)',
  503: 'A service did not answer in time',
};

/** Documents error responses with the shared error body. */
export function ApiErrorResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        schema: ERROR_BODY_SCHEMA,
        ...(status === 429
          ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'seconds' } } }
          : {}),
      }),
    ),
  );
}
