import { Body } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import type { z } from 'zod';
import { ApiErrorResponses } from '../docs/error-responses';
import { openApiSchema } from './zod-openapi';
import { ZodValidationPipe } from './zod-validation.pipe';

/**
 * `@ZodBody(schema) body: z.output<typeof schema>`: validates the JSON body
 * (400 naming every path) and documents it in OpenAPI from the same schema.
 */
export function ZodBody(schema: z.ZodType): ParameterDecorator {
  return (target, propertyKey, index) => {
    Body(new ZodValidationPipe(schema, 'body'))(target, propertyKey, index);
    if (propertyKey === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, propertyKey);
    if (!descriptor) return;
    ApiBody({ schema: openApiSchema(schema) })(target, propertyKey, descriptor);
    ApiErrorResponses(400, 413)(target, propertyKey, descriptor);
  };
}
