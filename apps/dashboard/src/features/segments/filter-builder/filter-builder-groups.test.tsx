import type { SegmentRules } from '@seg/segment-engine';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { engineIssues, filter, group, renderBuilder } from './filter-builder.test-helpers';

const nameIsSet = { type: 'attribute', attribute: 'name', operator: 'isSet' } as const;
const emailIsSet = { type: 'attribute', attribute: 'email', operator: 'isSet' } as const;

describe('FilterBuilder: groups', () => {
  it('nests an or group under the and root, with its own Add filter', async () => {
    const { user, latest } = renderBuilder({
      type: 'group',
      operator: 'and',
      conditions: [nameIsSet],
    });
    const root = group('Filters');
    await user.click(root.getAllByRole('button', { name: 'Add group' }).at(-1) as HTMLElement);
    const nested = group('Group 2');
    await user.click(nested.getByRole('radio', { name: 'or' }));
    await user.click(nested.getByRole('button', { name: 'Add filter' }));
    await user.selectOptions(filter('2.2').getByRole('combobox', { name: 'Attribute' }), 'Email');
    await user.selectOptions(filter('2.2').getByRole('combobox', { name: 'Operator' }), 'is set');
    const expected: SegmentRules = {
      type: 'group',
      operator: 'and',
      conditions: [
        nameIsSet,
        {
          type: 'group',
          operator: 'or',
          conditions: [
            { type: 'attribute', attribute: 'name', operator: 'equals', value: '' },
            emailIsSet,
          ],
        },
      ],
    };
    expect(latest()).toStrictEqual(expected);
  });

  it('offers Add group down to the fourth level only, which the engine accepts', async () => {
    const { user, latest } = renderBuilder();
    await user.click(screen.getByRole('button', { name: 'Add group' }));
    await user.click(
      group('Group 1').getAllByRole('button', { name: 'Add group' }).at(-1) as HTMLElement,
    );
    await user.click(
      group('Group 1.2').getAllByRole('button', { name: 'Add group' }).at(-1) as HTMLElement,
    );
    const fourth = group('Group 1.2.2');
    // A group's own Add group comes after its items' buttons; the fourth level has no nested group.
    expect(fourth.getByRole('button', { name: 'Add group' })).toBeDisabled();
    expect(
      group('Group 1.2').getAllByRole('button', { name: 'Add group' }).at(-1) as HTMLElement,
    ).toBeEnabled();
    expect(engineIssues(latest())).toEqual([]);
  });

  it('removes a filter, and a nested group with its last filter', async () => {
    const { user, latest } = renderBuilder({
      type: 'group',
      operator: 'or',
      conditions: [
        nameIsSet,
        { type: 'group', operator: 'and', conditions: [emailIsSet] },
        emailIsSet,
      ],
    });
    await user.click(screen.getByRole('button', { name: 'Remove filter 1' }));
    expect(latest()).toStrictEqual({
      type: 'group',
      operator: 'or',
      conditions: [{ type: 'group', operator: 'and', conditions: [emailIsSet] }, emailIsSet],
    });
    await user.click(screen.getByRole('button', { name: 'Remove filter 1.1' }));
    expect(latest()).toStrictEqual({ type: 'group', operator: 'or', conditions: [emailIsSet] });
  });

  it('removes a group with everything in it', async () => {
    const { user, latest } = renderBuilder({
      type: 'group',
      operator: 'and',
      conditions: [{ type: 'group', operator: 'or', conditions: [nameIsSet, emailIsSet] }],
    });
    await user.click(screen.getByRole('button', { name: 'Remove group 1' }));
    expect(latest()).toStrictEqual({ type: 'group', operator: 'and', conditions: [] });
    expect(screen.getByText('No filters yet: every user matches.')).toBeVisible();
  });
});

describe('FilterBuilder: validation details from the API', () => {
  it('shows each 400 detail next to the filter or group its path names', () => {
    renderBuilder(
      {
        type: 'group',
        operator: 'and',
        conditions: [
          nameIsSet,
          { type: 'group', operator: 'or', conditions: [emailIsSet, nameIsSet] },
        ],
      },
      [
        { path: 'rules.conditions[1].conditions[1].operator', message: 'does not fit a string' },
        { path: 'rules.conditions[1].conditions', message: 'a nested group has 1–50 items' },
      ],
    );
    const nestedFilter = screen.getByRole('group', { name: 'Filter 2.2' });
    expect(within(nestedFilter).getByText('operator: does not fit a string')).toBeVisible();
    expect(nestedFilter).toHaveAccessibleDescription('operator: does not fit a string');
    expect(filter('1').queryByText(/does not fit/)).toBeNull();
    expect(filter('2.1').queryByText(/does not fit/)).toBeNull();
    expect(group('Group 2').getByText('conditions: a nested group has 1–50 items')).toBeVisible();
    expect(filter('2.2').queryByText(/nested group/)).toBeNull();
  });
});
