import type { SegmentRules } from '@seg/segment-engine';
import { PageLoader, QueryError } from '../../../app/route-states';
import { FilterBuilder } from '../../segments/filter-builder/filter-builder';
import { useFilterCatalog } from '../../segments/hooks/use-filter-catalog';
import { useFilterCounts } from '../../segments/hooks/use-filter-counts';
import { type AppliedFilters, issuesOf } from '../../segments/hooks/use-preview';

/**
 * The Users tab's filters: the segment builder over the catalog; 400 details shown in place;
 * the per-filter counts of the applied filters beside each filter and group.
 */
export function UserFilters({
  rules,
  onChange,
  issuesError,
  applied = null,
}: {
  rules: SegmentRules;
  onChange: (rules: SegmentRules) => void;
  issuesError: unknown;
  applied?: AppliedFilters | null;
}) {
  const catalog = useFilterCatalog();
  const { counts } = useFilterCounts(applied, rules);
  if (catalog.isPending) return <PageLoader label="Loading the attribute catalog" />;
  if (catalog.isError) {
    return (
      <QueryError
        title="The attribute catalog could not be loaded"
        error={catalog.error}
        onRetry={() => void catalog.refetch()}
      />
    );
  }
  return (
    <FilterBuilder
      rules={rules}
      onChange={onChange}
      catalog={catalog.data}
      issues={issuesOf(issuesError)}
      counts={counts}
    />
  );
}
