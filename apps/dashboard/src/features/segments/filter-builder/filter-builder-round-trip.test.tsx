import type { SegmentRules } from '@seg/segment-engine';
import { describe, expect, it } from 'vitest';
import { engineIssues, filter, group, renderBuilder } from './filter-builder.test-helpers';

/** A saved segment's rules with every kind of condition, written as the API stores them. */
const SAVED: SegmentRules = {
  type: 'group',
  operator: 'and',
  conditions: [
    { type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@acme.com' },
    {
      type: 'attribute',
      attribute: 'createdAt',
      operator: 'between',
      value: ['2026-01-01T00:00:00.000Z', '2026-06-30T23:59:59.000Z'],
    },
    { type: 'attribute', attribute: 'tags', operator: 'containsAll', value: ['beta', 'vip'] },
    {
      type: 'customAttribute',
      source: 'hubspot',
      key: 'lifecyclestage',
      operator: 'in',
      value: ['lead', 'customer'],
    },
    { type: 'customAttribute', source: 'customerio', key: 'unsubscribed', operator: 'isNotSet' },
    {
      type: 'group',
      operator: 'or',
      conditions: [
        { type: 'experience', experienceId: 'exp_nps_survey', operator: 'answered', stepId: 'q1' },
        { type: 'experience', experienceId: 'exp_onboarding_tour', operator: 'notSeen' },
        {
          type: 'group',
          operator: 'and',
          conditions: [
            { type: 'event', source: 'segment', name: 'Signed Up' },
            {
              type: 'event',
              source: 'jimo',
              name: 'Created project',
              occurrence: { operator: 'exactly', count: 0 },
              period: { type: 'after', date: '2026-11-01T00:00:00Z' },
              properties: [
                { key: 'template', operator: 'in', value: ['kanban', 'scrum'] },
                { key: 'tasks', operator: 'greaterThan', value: 10, type: 'number' },
              ],
            },
          ],
        },
      ],
    },
    { type: 'segment', segmentId: 'seg_active_admins', operator: 'in' },
  ],
};

describe('FilterBuilder: round trip of saved rules', () => {
  it('the saved rules are valid for the engine (the fixture itself is right)', () => {
    expect(engineIssues(SAVED)).toEqual([]);
  });

  it('emits the loaded rules unchanged after an edit that is undone', async () => {
    const { user, latest } = renderBuilder(SAVED);
    const root = group('Filters');
    await user.click(root.getAllByRole('radio', { name: 'or' })[0]);
    expect(latest()).toStrictEqual({ ...SAVED, operator: 'or' });
    await user.click(root.getAllByRole('radio', { name: 'and' })[0]);
    expect(latest()).toStrictEqual(SAVED);
    expect(JSON.stringify(latest())).toBe(JSON.stringify(SAVED));
  });

  it('shows each loaded condition in its fields', () => {
    renderBuilder(SAVED);
    expect(filter('1').getByRole('combobox', { name: 'Attribute' })).toHaveDisplayValue('Email');
    expect(filter('1').getByRole('combobox', { name: 'Operator' })).toHaveDisplayValue('ends with');
    expect(filter('1').getByRole('combobox', { name: 'Value' })).toHaveValue('@acme.com');
    expect(filter('2').getByRole('textbox', { name: 'From' })).toHaveValue('2026-01-01');
    expect(filter('2').getByRole('textbox', { name: 'To' })).toHaveValue('2026-06-30');
    expect(filter('3').getByText('beta')).toBeVisible();
    expect(filter('4').getByRole('combobox', { name: 'Attribute' })).toHaveDisplayValue(
      'lifecyclestage (string)',
    );
    expect(filter('5').getByRole('combobox', { name: 'Attribute' })).toHaveDisplayValue(
      'unsubscribed (boolean)',
    );
    expect(filter('6.1').getByRole('combobox', { name: 'Question' })).toHaveDisplayValue(
      'How useful is the product?',
    );
    expect(filter('6.3.2').getByRole('combobox', { name: 'Occurrence' })).toHaveDisplayValue(
      'exactly',
    );
    expect(filter('6.3.2').getByRole('textbox', { name: 'Times' })).toHaveValue('0');
    expect(filter('6.3.2').getByRole('textbox', { name: 'Date' })).toHaveValue('2026-11-01');
    expect(
      group('Property filter 2').getByRole('combobox', { name: 'Property type' }),
    ).toHaveDisplayValue('Number');
    expect(filter('7').getByRole('combobox', { name: 'Segment' })).toHaveDisplayValue(
      'Active admins',
    );
  });

  it('keeps the other filters as saved when one is edited', async () => {
    const { user, latest } = renderBuilder(SAVED);
    await user.selectOptions(filter('7').getByRole('combobox', { name: 'Membership' }), 'not in');
    const [, , , , , , segment] = latest().conditions;
    expect(segment).toStrictEqual({
      type: 'segment',
      segmentId: 'seg_active_admins',
      operator: 'notIn',
    });
    expect(latest().conditions.slice(0, 6)).toStrictEqual(SAVED.conditions.slice(0, 6));
  });
});
