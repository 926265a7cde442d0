import { DomainError } from '@seg/contracts';

export function experienceNotFound(experienceId: string): DomainError {
  return new DomainError('NOT_FOUND', `Experience ${experienceId} not found`);
}
