import type { Experience } from '@seg/contracts';
import type { ExperienceDocument } from './experience.schema';

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
    steps: document.steps.map((step) => ({
      id: step.id,
      kind: step.kind,
      ...(step.question !== undefined && step.question !== null ? { question: step.question } : {}),
      ...(step.options ? { options: [...step.options] } : {}),
    })),
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
