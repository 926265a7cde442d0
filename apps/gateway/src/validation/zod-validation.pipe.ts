import { PipeTransform } from '@nestjs/common';
import { DomainError, zodIssuesToDetails } from '@seg/contracts';
import type { z } from 'zod';

/** Validates (and parses) a request part against a zod schema; 400 with every offending path. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly part: 'body' | 'query' | 'params' = 'body',
  ) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw new DomainError(
      'VALIDATION_FAILED',
      `Invalid request ${this.part}`,
      zodIssuesToDetails(result.error, this.part),
    );
  }
}
