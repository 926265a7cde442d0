import type { SegmentRules } from '@seg/segment-engine';
import { useState } from 'react';
import { EMPTY_RULES } from '../filter-builder/default-conditions';

export interface SegmentDraft {
  name: string;
  description: string;
  rules: SegmentRules;
}

/** The segment being edited, kept locally until it is saved. */
export function useSegmentDraft(initial?: Partial<SegmentDraft>) {
  const [draft, setDraft] = useState<SegmentDraft>({
    name: initial?.name ?? '',
    description: initial?.description ?? '',
    rules: initial?.rules ?? EMPTY_RULES,
  });
  return {
    draft,
    setName: (name: string) => setDraft((d) => ({ ...d, name })),
    setDescription: (description: string) => setDraft((d) => ({ ...d, description })),
    setRules: (rules: SegmentRules) => setDraft((d) => ({ ...d, rules })),
  };
}
