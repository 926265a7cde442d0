import type { ExperienceResponse } from '../../api/paths';

export const EXPERIENCE_TYPES = ['tour', 'survey', 'announcement', 'banner', 'checklist'] as const;
export type ExperienceType = (typeof EXPERIENCE_TYPES)[number];

export const TYPE_LABELS: Record<ExperienceType, string> = {
  tour: 'Tour',
  survey: 'Survey',
  announcement: 'Announcement',
  banner: 'Banner',
  checklist: 'Checklist',
};

export interface StepDraft {
  id: string;
  kind: 'message' | 'question';
  text: string;
  question: string;
  options: string[];
}

export type AudienceDraft = { mode: 'all' } | { mode: 'segments'; segmentIds: string[] };

/** The experience being edited, kept locally until it is saved. */
export interface ExperienceDraft {
  name: string;
  type: ExperienceType;
  steps: StepDraft[];
  audience: AudienceDraft;
}

/** A step id the experience does not use yet (`step-1`, `step-2`, …). */
export function nextStepId(steps: readonly StepDraft[]): string {
  const taken = new Set(steps.map((step) => step.id));
  let n = steps.length + 1;
  while (taken.has(`step-${n}`)) n += 1;
  return `step-${n}`;
}

export function newStep(steps: readonly StepDraft[], kind: StepDraft['kind']): StepDraft {
  return {
    id: nextStepId(steps),
    kind,
    text: '',
    question: '',
    options: kind === 'question' ? ['', ''] : [],
  };
}

export const emptyDraft = (): ExperienceDraft => ({
  name: '',
  type: 'announcement',
  steps: [newStep([], 'message')],
  audience: { mode: 'segments', segmentIds: [] },
});

export function draftOf(experience: ExperienceResponse): ExperienceDraft {
  return {
    name: experience.name,
    type: experience.type,
    steps: experience.steps.map((step) => ({
      id: step.id,
      kind: step.kind,
      text: step.text ?? '',
      question: step.question ?? '',
      options: step.options ?? [],
    })),
    audience:
      experience.audience.mode === 'all'
        ? { mode: 'all' }
        : { mode: 'segments', segmentIds: [...experience.audience.segmentIds] },
  };
}

/**
 * The body of `POST /v1/experiences` / `PUT …/:id`: empty texts left out, a question's blank
 * options dropped (a question without options takes a free answer).
 */
export function bodyOf(draft: ExperienceDraft) {
  return {
    name: draft.name.trim(),
    type: draft.type,
    steps: draft.steps.map((step) => {
      const text = step.text.trim();
      const base = { id: step.id, kind: step.kind, ...(text ? { text } : {}) };
      if (step.kind === 'message') return base;
      const options = step.options.map((option) => option.trim()).filter(Boolean);
      return {
        ...base,
        question: step.question.trim(),
        ...(options.length > 0 ? { options } : {}),
      };
    }),
    audience: draft.audience,
  };
}

/** The segment rules of "in at least one of these segments" (segments.md `segment` conditions). */
export function reachRules(segmentIds: readonly string[]) {
  return {
    type: 'group' as const,
    operator: 'or' as const,
    conditions: segmentIds.map((segmentId) => ({
      type: 'segment' as const,
      segmentId,
      operator: 'in' as const,
    })),
  };
}

/** How the table and the editor say who an experience targets. */
export function audienceSummary(
  audience: AudienceDraft,
  segmentName: (id: string) => string | undefined,
): string {
  if (audience.mode === 'all') return 'All users';
  if (audience.segmentIds.length === 0) return 'Nobody: no segment selected';
  const names = audience.segmentIds.map((id) => segmentName(id) ?? id);
  return names.length <= 2
    ? names.join(' or ')
    : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
