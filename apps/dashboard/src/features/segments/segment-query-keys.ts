/** The segments feature's TanStack Query keys: one factory, so invalidation names them alike. */
export const segmentKeys = {
  all: ['segments'] as const,
  filterCatalog: () => [...segmentKeys.all, 'filter-catalog'] as const,
  list: (cursor: string | null) => [...segmentKeys.all, 'list', cursor] as const,
  detail: (id: string) => [...segmentKeys.all, 'detail', id] as const,
  count: (id: string) => [...segmentKeys.all, 'count', id] as const,
  usage: (id: string) => [...segmentKeys.all, 'usage', id] as const,
  forecast: (id: string) => [...segmentKeys.all, 'forecast', id] as const,
  history: (id: string) => [...segmentKeys.all, 'history', id] as const,
  members: () => [...segmentKeys.all, 'team-members'] as const,
  rulesCheck: (segmentId: string | undefined, rules: unknown) =>
    [...segmentKeys.all, 'rules-check', segmentId ?? null, rules] as const,
  impact: (segmentId: string, rules: unknown) =>
    [...segmentKeys.all, 'impact', segmentId, rules] as const,
  filterCounts: (run: number, rules: unknown) =>
    [...segmentKeys.all, 'filter-counts', run, rules] as const,
  previewCount: (countId: string) => [...segmentKeys.all, 'preview-count', countId] as const,
  experience: (id: string) => ['experiences', 'detail', id] as const,
};
