import { Injectable } from '@nestjs/common';
import { DomainError, Experience, ParsedRequestOf } from '@seg/contracts';
import { toExperience } from '../../experience.mapper';
import { ExperienceRepository } from '../../experience.repository';

export type ListExperiencesCommand = ParsedRequestOf<'experiences.experience.list'>;

/** One page in creation order; the cursor is opaque (the last id of the page). */
@Injectable()
export class ListExperiencesUseCase {
  constructor(private readonly experiences: ExperienceRepository) {}

  async execute(
    command: ListExperiencesCommand,
  ): Promise<{ experiences: Experience[]; nextCursor: string | null }> {
    const after = command.cursor === undefined ? undefined : decodeCursor(command.cursor);
    const page = await this.experiences.page(command.workspaceId, command.limit + 1, after);
    const items = page.slice(0, command.limit);
    const last = items.at(-1);
    return {
      experiences: items.map(toExperience),
      nextCursor: page.length > command.limit && last ? encodeCursor(last.experienceId) : null,
    };
  }
}

function encodeCursor(afterId: string): string {
  return Buffer.from(JSON.stringify({ after: afterId })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'after' in parsed &&
      typeof parsed.after === 'string' &&
      /^exp_[A-Za-z0-9]{8,40}$/.test(parsed.after)
    ) {
      return parsed.after;
    }
  } catch {
    // fall through: not a cursor of ours
  }
  throw new DomainError('VALIDATION_FAILED', 'Invalid cursor', [
    { path: 'query.cursor', message: 'not a cursor returned by this list' },
  ]);
}
