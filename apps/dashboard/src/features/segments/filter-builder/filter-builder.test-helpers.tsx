import { MantineProvider } from '@mantine/core';
import type { CatalogEntry, SegmentRules } from '@seg/segment-engine';
import { lintSegmentRules, validateSegmentRules } from '@seg/segment-engine';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { SAMPLE_CATALOG } from '../sample-catalog';
import { EMPTY_RULES } from './default-conditions';
import type { FieldIssue, RuleWarning } from './error-paths';
import { FilterBuilder } from './filter-builder';

/** Renders the builder as a page would: it owns the rules and passes every change back in. */
export function renderBuilder(
  initial: SegmentRules = EMPTY_RULES,
  issues: FieldIssue[] = [],
  warnings: RuleWarning[] = [],
) {
  const emitted: SegmentRules[] = [];
  function Page() {
    const [rules, setRules] = useState(initial);
    return (
      <FilterBuilder
        rules={rules}
        catalog={SAMPLE_CATALOG}
        issues={issues}
        warnings={warnings}
        onChange={(next) => {
          emitted.push(next);
          setRules(next);
        }}
      />
    );
  }
  render(
    <MantineProvider env="test">
      <Page />
    </MantineProvider>,
  );
  return {
    user: userEvent.setup({ delay: null }),
    /** The rules of the last change, as the page would save them. */
    latest: (): SegmentRules => {
      const last = emitted.at(-1);
      if (!last) throw new Error('the builder emitted no change');
      return last;
    },
  };
}

export const filter = (position: string) =>
  within(screen.getByRole('group', { name: `Filter ${position}` }));
export const group = (name: string) => within(screen.getByRole('group', { name }));

const CATALOG_ENTRIES: CatalogEntry[] = SAMPLE_CATALOG.attributes.flatMap((item) =>
  item.source === null ? [] : [{ source: item.source, key: item.key, type: item.type }],
);

/** The issues the engine's own validator (the API's) finds in `rules`: none, for valid rules. */
export function engineIssues(rules: unknown): FieldIssue[] {
  const result = validateSegmentRules(rules, {
    catalog: CATALOG_ENTRIES,
    segmentExists: (id) => SAMPLE_CATALOG.segments.some((segment) => segment.id === id),
  });
  return result.ok ? [] : result.errors;
}

/** The warnings the engine's lint (the API's) gives for valid `rules`. */
export function engineWarnings(rules: SegmentRules): RuleWarning[] {
  return lintSegmentRules(rules, { catalog: CATALOG_ENTRIES });
}
