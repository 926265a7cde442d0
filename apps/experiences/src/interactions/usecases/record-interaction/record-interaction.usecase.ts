import { Injectable } from '@nestjs/common';
import { DomainError, ErrorDetail, ParsedRequestOf, RecordInteractionInput } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import { randomUUID } from 'node:crypto';
import { experienceNotFound } from '../../../experiences/experience-not-found';
import { ExperienceRepository } from '../../../experiences/experience.repository';
import type { ExperienceDocument } from '../../../experiences/experience.schema';
import { InteractionRepository } from '../../interaction.repository';
import type { InteractionDocument } from '../../interaction.schema';

export type RecordInteractionCommand = ParsedRequestOf<'experiences.interaction.record'>;

export interface RecordInteractionResult {
  messageId: string;
  duplicate: boolean;
  completed: boolean;
}

/**
 * Checks the interaction against its experience (nothing is written when it is
 * wrong), records it once per messageId and publishes `interaction.recorded`, which
 * the users service applies to the profile. A repeated messageId publishes the
 * stored interaction again (its consumer is idempotent): a retry after a failed
 * publish is never lost.
 */
@Injectable()
export class RecordInteractionUseCase {
  constructor(
    private readonly experiences: ExperienceRepository,
    private readonly interactions: InteractionRepository,
    private readonly bus: BusClient,
  ) {}

  async execute({
    workspaceId,
    interaction,
  }: RecordInteractionCommand): Promise<RecordInteractionResult> {
    const experience = await this.experiences.findById(workspaceId, interaction.experienceId);
    if (!experience) throw experienceNotFound(interaction.experienceId);
    const values = answerValues(interaction.answer);
    assertFitsExperience(experience, interaction, values);

    const lastStep = experience.steps.at(-1);
    const completed =
      interaction.type === 'completed' ||
      (interaction.type === 'stepCompleted' && interaction.stepId === lastStep?.id);
    const { stored, duplicate } = await this.interactions.insertOnce(workspaceId, {
      messageId: interaction.messageId ?? randomUUID(),
      userId: interaction.userId,
      experienceId: interaction.experienceId,
      type: interaction.type,
      ...(interaction.stepId !== undefined ? { stepId: interaction.stepId } : {}),
      ...(values !== undefined ? { values } : {}),
      completed,
      timestamp: interaction.timestamp ? new Date(interaction.timestamp) : new Date(),
      receivedAt: new Date(),
    });
    await this.publish(stored);
    return { messageId: stored.messageId, duplicate, completed: stored.completed };
  }

  private publish(stored: InteractionDocument): Promise<void> {
    return this.bus.emit('interaction.recorded', {
      workspaceId: stored.workspaceId,
      userId: stored.userId,
      experienceId: stored.experienceId,
      type: stored.type,
      ...(stored.stepId ? { stepId: stored.stepId } : {}),
      ...(stored.values ? { values: stored.values } : {}),
      completed: stored.completed,
      timestamp: stored.timestamp.toISOString(),
      messageId: stored.messageId,
    });
  }
}

/** A number answer is kept as its decimal string; a list as given. */
function answerValues(answer: RecordInteractionInput['answer']): string[] | undefined {
  if (answer === undefined) return undefined;
  if (Array.isArray(answer)) return [...new Set(answer)];
  return [String(answer)];
}

function assertFitsExperience(
  experience: ExperienceDocument,
  interaction: RecordInteractionInput,
  values: string[] | undefined,
): void {
  if (interaction.stepId === undefined) return;
  const step = experience.steps.find((candidate) => candidate.id === interaction.stepId);
  const details: ErrorDetail[] = [];
  if (!step) {
    details.push({
      path: 'stepId',
      message: `experience ${experience.experienceId} has no step "${interaction.stepId}"`,
    });
  } else if (interaction.type === 'answered') {
    if (step.kind !== 'question') {
      details.push({ path: 'stepId', message: `step "${step.id}" is not a question` });
    } else if (step.options && values) {
      const options = new Set(step.options);
      values.forEach((value, index) => {
        if (!options.has(value)) {
          details.push({
            path: Array.isArray(interaction.answer) ? `answer[${index}]` : 'answer',
            message: `"${value}" is not an option of step "${step.id}"`,
          });
        }
      });
    }
  }
  if (details.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'The interaction does not fit the experience',
      details,
    );
  }
}
