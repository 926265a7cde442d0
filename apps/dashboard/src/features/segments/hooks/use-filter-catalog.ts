import { useQuery } from '@tanstack/react-query';
import { SAMPLE_CATALOG } from '../sample-catalog';
import { segmentKeys } from '../segment-query-keys';

/**
 * What the filter builder offers. PLACEHOLDER: answers the local sample catalog until the API
 * client and sessions land; then the query function calls the four catalog endpoints.
 */
export function useFilterCatalog() {
  return useQuery({
    queryKey: segmentKeys.filterCatalog(),
    queryFn: async () => SAMPLE_CATALOG,
    staleTime: 60_000,
  });
}
