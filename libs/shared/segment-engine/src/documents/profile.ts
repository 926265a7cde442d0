import type { CustomSource, EventSource } from '../rules/types';

/** A value stored in a profile after normalisation to its catalog type. */
export type AttributeValue = string | number | boolean | Date | string[] | null;

/** Nested custom attributes: `company.plan` is `{ company: { plan: … } }`. */
export interface AttributeObject {
  [key: string]: AttributeValue | AttributeObject;
}

/** One experience interaction of the user (the record; the engine queries `experiences`). */
export interface InteractionRecord {
  experienceId: string;
  seenAt?: Date | null;
  completedAt?: Date | null;
  answers?: Array<{ stepId: string; values: string[] }>;
}

/**
 * Flat, queryable summary of the interactions (FerretDB v1.24 has no `$elemMatch` over
 * sub-documents, so the engine matches plain string arrays). Build it with
 * `summarizeInteractions`; write it together with `interactions`, always.
 */
export interface ExperienceSummary {
  /** experienceIds the user has seen (or completed). */
  seen: string[];
  /** experienceIds the user completed. */
  completed: string[];
  /** Answer tokens: `answerToken(exp, step)` and `answerToken(exp, step, value)` per value. */
  answers: string[];
}

/**
 * The profile document of the `profiles` collection (one per workspace + userId). The users
 * service stores exactly this shape; segments are evaluated against it.
 */
export interface ProfileDocument {
  workspaceId: string;
  userId: string;
  name?: string | null;
  email?: string | null;
  createdAt: Date;
  lastActivityAt: Date;
  sessions: number;
  tags: string[];
  /** Custom attributes per source, values normalised to their catalog type. */
  custom: Partial<Record<CustomSource, AttributeObject>>;
  interactions?: InteractionRecord[];
  experiences: ExperienceSummary;
}

/** A document of the `events` collection. */
export interface EventDocument {
  workspaceId: string;
  userId: string;
  source: EventSource;
  name: string;
  timestamp: Date;
  /** Values normalised like attributes (ISO date-times → Date); arrays hold strings only. */
  properties: AttributeObject;
}

/** Unambiguous token for an answer (JSON of the parts, so no separator can collide). */
export function answerToken(experienceId: string, stepId: string, value?: string): string {
  return JSON.stringify(
    value === undefined ? [experienceId, stepId] : [experienceId, stepId, value],
  );
}

/** Builds the queryable `experiences` summary from the interaction records. */
export function summarizeInteractions(
  interactions: readonly InteractionRecord[],
): ExperienceSummary {
  const seen = new Set<string>();
  const completed = new Set<string>();
  const answers = new Set<string>();
  for (const record of interactions) {
    if (record.seenAt || record.completedAt) seen.add(record.experienceId);
    if (record.completedAt) completed.add(record.experienceId);
    for (const answer of record.answers ?? []) {
      answers.add(answerToken(record.experienceId, answer.stepId));
      for (const value of answer.values) {
        answers.add(answerToken(record.experienceId, answer.stepId, value));
      }
    }
  }
  return { seen: [...seen], completed: [...completed], answers: [...answers] };
}
