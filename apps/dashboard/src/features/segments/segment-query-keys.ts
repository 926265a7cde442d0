/** The segments feature's TanStack Query keys: one factory, so invalidation names them alike. */
export const segmentKeys = {
  all: ['segments'] as const,
  filterCatalog: () => [...segmentKeys.all, 'filter-catalog'] as const,
};
