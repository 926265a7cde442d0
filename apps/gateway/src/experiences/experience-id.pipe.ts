import { PipeTransform } from '@nestjs/common';
import { DomainError, experienceIdSchema } from '@seg/contracts';

/** `:id` of an experience route: anything that cannot be an experience id is simply not found. */
export class ExperienceIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (experienceIdSchema.safeParse(value).success) return value;
    throw new DomainError('NOT_FOUND', `Experience ${value.slice(0, 60)} not found`);
  }
}
