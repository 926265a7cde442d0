import type { SegmentRules } from '@seg/segment-engine';
import { useMemo } from 'react';
import { defaultCondition, defaultGroup } from './default-conditions';
import type { FieldIssue, RuleWarning } from './error-paths';
import type { FilterCatalog } from './filter-catalog';
import type { FilterCounts } from './filter-counts';
import { GroupEditor, type GroupActions } from './group-editor';
import { appendNode, removeNode, updateNode } from './rules-tree';

export interface FilterBuilderProps {
  /** The segment's `rules` (segments.md): the root group. */
  rules: SegmentRules;
  /** Every edit, as the whole new rules; untouched parts are kept exactly as they were. */
  onChange: (rules: SegmentRules) => void;
  catalog: FilterCatalog;
  /** The `details` of the API's 400; each shows next to the filter or group its path names. */
  issues?: readonly FieldIssue[];
  /** The lint's warnings (`POST /v1/segments/validate`); each shows next to its node. */
  warnings?: readonly RuleWarning[];
  /**
   * Per-filter counts of these rules (`POST /v1/segments/filter-counts`): a count beside every
   * filter and group, and "Empties the segment" on the filter that empties it.
   */
  counts?: FilterCounts;
  /** Prefix of the issues' paths. Default `rules`, as in a segment's create / update body. */
  basePath?: string;
}

/** The segment filter builder: a pure function of the rules JSON (state in, events out). */
export function FilterBuilder({
  rules,
  onChange,
  catalog,
  issues = [],
  warnings = [],
  counts,
  basePath = 'rules',
}: FilterBuilderProps) {
  const actions = useMemo<GroupActions>(
    () => ({
      replace: (path, node) => onChange(updateNode(rules, path, () => node)),
      remove: (path) => onChange(removeNode(rules, path)),
      addFilter: (path) =>
        onChange(appendNode(rules, path, defaultCondition('attribute', catalog))),
      addGroup: (path) => onChange(appendNode(rules, path, defaultGroup(catalog))),
    }),
    [rules, onChange, catalog],
  );
  return (
    <GroupEditor
      group={rules}
      path={[]}
      catalog={catalog}
      issues={issues}
      warnings={warnings}
      counts={counts}
      basePath={basePath}
      actions={actions}
    />
  );
}
