import { Injectable } from '@nestjs/common';
import { Experience, ParsedRequestOf } from '@seg/contracts';
import { decodeCursor, encodeCursor } from '@seg/platform';
import { z } from 'zod';
import { toExperience } from '../../experience.mapper';
import { ExperienceRepository } from '../../experience.repository';

export type ListExperiencesCommand = ParsedRequestOf<'experiences.experience.list'>;

/** The last experience id of the previous page. */
const experienceCursor = z.object({ after: z.string().regex(/^exp_[A-Za-z0-9]{8,40}$/) });

/** One page in creation order; the cursor is opaque (the last id of the page). */
@Injectable()
export class ListExperiencesUseCase {
  constructor(private readonly experiences: ExperienceRepository) {}

  async execute(
    command: ListExperiencesCommand,
  ): Promise<{ experiences: Experience[]; nextCursor: string | null }> {
    const after = decodeCursor(command.cursor, experienceCursor)?.after;
    const page = await this.experiences.page(command.workspaceId, command.limit + 1, after);
    const items = page.slice(0, command.limit);
    const last = items.at(-1);
    return {
      experiences: items.map(toExperience),
      nextCursor:
        page.length > command.limit && last ? encodeCursor({ after: last.experienceId }) : null,
    };
  }
}
