import { Injectable } from '@nestjs/common';
import type { ExperienceStats, ParsedRequestOf } from '@seg/contracts';
import { experienceNotFound } from '../../../experiences/experience-not-found';
import { ExperienceRepository } from '../../../experiences/experience.repository';
import type { ExperienceDocument } from '../../../experiences/experience.schema';
import { InteractionRepository, type InteractionFacts } from '../../interaction.repository';

export type GetExperienceStatsCommand = ParsedRequestOf<'experiences.experience.stats'>;

/** Values other than a step's options (free answers) listed at most, most frequent first. */
export const MAX_OTHER_VALUES = 50;

/**
 * Counts for the dashboard: distinct users who saw (any interaction: nobody completes or
 * answers what they did not see), completed and answered the experience, and per question
 * step the distribution of each user's LATEST answer (a later answer replaces an earlier one,
 * as on the profile). One pass over the experience's interactions, streamed: FerretDB's
 * aggregation has no `$first`/`$last`/`$addToSet` (ferretdb.md), so "latest per user" is kept
 * here, one entry per user and step.
 */
@Injectable()
export class GetExperienceStatsUseCase {
  constructor(
    private readonly experiences: ExperienceRepository,
    private readonly interactions: InteractionRepository,
  ) {}

  async execute({
    workspaceId,
    experienceId,
  }: GetExperienceStatsCommand): Promise<ExperienceStats> {
    const experience = await this.experiences.findById(workspaceId, experienceId);
    if (!experience) throw experienceNotFound(experienceId);
    return tally(experience, this.interactions.forExperience(workspaceId, experienceId));
  }
}

export async function tally(
  experience: Pick<ExperienceDocument, 'experienceId' | 'steps'>,
  interactions: AsyncIterable<InteractionFacts>,
): Promise<ExperienceStats> {
  const seen = new Set<string>();
  const completed = new Set<string>();
  const answered = new Set<string>();
  /** step id → user id → the latest answer. */
  const latest = new Map<string, Map<string, { at: number; values: string[] }>>();
  for await (const interaction of interactions) {
    seen.add(interaction.userId);
    if (interaction.completed || interaction.type === 'completed') {
      completed.add(interaction.userId);
    }
    if (interaction.type !== 'answered' || !interaction.stepId) continue;
    answered.add(interaction.userId);
    const byUser = latest.get(interaction.stepId) ?? new Map();
    latest.set(interaction.stepId, byUser);
    const at = new Date(interaction.timestamp).getTime();
    const previous = byUser.get(interaction.userId);
    if (!previous || previous.at <= at) {
      byUser.set(interaction.userId, { at, values: interaction.values ?? [] });
    }
  }
  const questions = experience.steps
    .filter((step) => step.kind === 'question')
    .map((step) => {
      const byUser = latest.get(step.id) ?? new Map<string, { values: string[] }>();
      const counts = new Map<string, number>((step.options ?? []).map((option) => [option, 0]));
      for (const { values } of byUser.values()) {
        for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      const options = new Set(step.options ?? []);
      const others = [...counts]
        .filter(([value]) => !options.has(value))
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, MAX_OTHER_VALUES);
      return {
        stepId: step.id,
        question: step.question ?? '',
        answered: byUser.size,
        answers: [
          ...(step.options ?? []).map((value) => ({ value, users: counts.get(value) ?? 0 })),
          ...others.map(([value, users]) => ({ value, users })),
        ],
      };
    });
  return {
    experienceId: experience.experienceId,
    users: { seen: seen.size, completed: completed.size, answered: answered.size },
    questions,
  };
}
