import type { SegmentRules } from '@seg/segment-engine';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { engineWarnings, filter, group, renderBuilder } from './filter-builder.test-helpers';

const plan = (value: string) => ({
  type: 'customAttribute' as const,
  source: 'sdk' as const,
  key: 'plan',
  operator: 'equals' as const,
  value,
});

describe('FilterBuilder: the lint warnings beside the filters they name', () => {
  it('shows a contradiction on the second filter, naming the first, and nothing on the first', () => {
    const rules: SegmentRules = {
      type: 'group',
      operator: 'and',
      conditions: [plan('pro'), plan('free')],
    };
    const warnings = engineWarnings(rules);
    expect(warnings.map((w) => w.code)).toEqual(['contradiction']);
    renderBuilder(rules, [], warnings);
    const second = screen.getByRole('group', { name: 'Filter 2' });
    expect(filter('2').getByText(/^Warning: contradicts another filter of this AND/)).toBeTruthy();
    expect(filter('2').getByText(/\(with filter 1\)$/)).toBeTruthy();
    // Described by its warning, for screen readers.
    expect(second.getAttribute('aria-describedby')).toBe('rules.conditions[1]-warnings');
    expect(filter('1').queryByText(/^Warning:/)).toBeNull();
  });

  it('numbers the filters of nested groups as people do', () => {
    const rules: SegmentRules = {
      type: 'group',
      operator: 'and',
      conditions: [{ type: 'group', operator: 'or', conditions: [plan('pro'), plan('PRO')] }],
    };
    renderBuilder(rules, [], engineWarnings(rules));
    expect(
      group('Group 1').getByText(/^Warning: repeats an earlier filter.*\(with filter 1\.1\)$/),
    ).toBeTruthy();
    expect(screen.getAllByText(/^Warning:/)).toHaveLength(1);
  });

  it('shows nothing for rules without warnings', () => {
    const rules: SegmentRules = { type: 'group', operator: 'and', conditions: [plan('pro')] };
    renderBuilder(rules, [], engineWarnings(rules));
    expect(screen.queryByText(/^Warning:/)).toBeNull();
  });
});
