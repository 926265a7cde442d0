import type { Experience, ExperienceStep } from '@seg/contracts';
import type { ExperienceDocument } from './experience.schema';

/** A step as stored: documents written before validation tightened may hold `null`s. */
export type StoredStep = Omit<ExperienceStep, 'text' | 'question' | 'options'> & {
  text?: string | null;
  question?: string | null;
  options?: string[] | null;
};

/**
 * A step as the API shows it, for an experience and for targeting alike: `text`, `question`
 * and `options` only when set (a stored `null` is not set).
 */
export function toStepView(step: StoredStep): Experience['steps'][number] {
  return {
    id: step.id,
    kind: step.kind,
    ...(step.text !== undefined && step.text !== null ? { text: step.text } : {}),
    ...(step.question !== undefined && step.question !== null ? { question: step.question } : {}),
    ...(step.options ? { options: [...step.options] } : {}),
  };
}

/** The stored document as the API shows it. */
export function toExperience(document: ExperienceDocument): Experience {
  const audience: Experience['audience'] =
    document.audience.mode === 'all'
      ? { mode: 'all' }
      : { mode: 'segments', segmentIds: [...document.audience.segmentIds] };
  return {
    id: document.experienceId,
    name: document.name,
    type: document.type,
    steps: document.steps.map(toStepView),
    audience,
    status: document.status,
    targetsNobody: targetsNobody(document),
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
    publishedAt: document.publishedAt ? document.publishedAt.toISOString() : null,
  };
}

/** Mode `segments` with no segment left: nobody, never everyone. */
export function targetsNobody(document: Pick<ExperienceDocument, 'audience'>): boolean {
  return document.audience.mode === 'segments' && document.audience.segmentIds.length === 0;
}
