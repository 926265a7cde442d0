import { Body } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import type { z } from 'zod';
import { ApiErrorResponses } from '../docs/error-responses';
import { decorateMethodOf } from './method-docs';
import { openApiSchema } from './zod-openapi';
import { ZodValidationPipe } from './zod-validation.pipe';

/**
 * `@ZodBody(schema) body: z.output<typeof schema>`: validates the JSON body
 * (400 naming every path) and documents it in OpenAPI from the same schema.
 */
export function ZodBody(schema: z.ZodType): ParameterDecorator {
  return (target, propertyKey, index) => {
    Body(new ZodValidationPipe(schema, 'body'))(target, propertyKey, index);
    decorateMethodOf(
      target,
      propertyKey,
      ApiBody({ schema: openApiSchema(schema) }),
      ApiErrorResponses(400, 413),
    );
  };
}
