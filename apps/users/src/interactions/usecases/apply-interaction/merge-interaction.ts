import type { InteractionRecordedEvent } from '@seg/contracts';
import type { InteractionRecord } from '@seg/segment-engine';

/**
 * The user's interaction records with one more interaction applied. Idempotent:
 * applying the same interaction twice gives the same records. Any interaction
 * means the experience was seen (earliest time kept); `completed` sets the
 * earliest completion; an answer replaces the step's previous answer.
 */
export function mergeInteraction(
  records: readonly InteractionRecord[],
  interaction: InteractionRecordedEvent,
): InteractionRecord[] {
  const at = new Date(interaction.timestamp);
  const existing = records.find((record) => record.experienceId === interaction.experienceId);
  const record: InteractionRecord = existing
    ? { ...existing, answers: existing.answers ? [...existing.answers] : undefined }
    : { experienceId: interaction.experienceId };
  record.seenAt = earliest(record.seenAt, at);
  if (interaction.completed) record.completedAt = earliest(record.completedAt, at);
  if (interaction.type === 'answered' && interaction.stepId !== undefined) {
    const answers = (record.answers ?? []).filter((answer) => answer.stepId !== interaction.stepId);
    answers.push({ stepId: interaction.stepId, values: interaction.values ?? [] });
    record.answers = answers;
  }
  if (record.answers === undefined) delete record.answers;
  return existing
    ? records.map((candidate) => (candidate === existing ? record : candidate))
    : [...records, record];
}

function earliest(current: Date | null | undefined, at: Date): Date {
  return current && current.getTime() <= at.getTime() ? current : at;
}
