import { Query } from '@nestjs/common';
import { ApiQuery, SchemaObject } from '@nestjs/swagger';
import type { z } from 'zod';
import { ApiErrorResponses } from '../docs/error-responses';
import { decorateMethodOf } from './method-docs';
import { openApiSchema } from './zod-openapi';
import { ZodValidationPipe } from './zod-validation.pipe';

/**
 * `@ZodQuery(schema) query: z.output<typeof schema>`: validates the query string
 * (400 naming every `query.<key>`) and documents each of its keys in OpenAPI from
 * the same schema.
 */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, propertyKey, index) => {
    Query(new ZodValidationPipe(schema, 'query'))(target, propertyKey, index);
    const doc = openApiSchema(schema);
    const parameters = Object.entries(doc.properties ?? {}).map(([name, property]) =>
      ApiQuery({
        name,
        required: doc.required?.includes(name) ?? false,
        schema: property as SchemaObject,
      }),
    );
    decorateMethodOf(target, propertyKey, ...parameters, ApiErrorResponses(400));
  };
}
