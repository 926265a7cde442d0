import type { Condition, SegmentRules } from '@seg/segment-engine';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { engineIssues, filter, group, renderBuilder } from './filter-builder.test-helpers';

const rootWith = (...conditions: SegmentRules['conditions']): SegmentRules => ({
  type: 'group',
  operator: 'and',
  conditions,
});

/** Adds one filter to an empty root and picks its category. */
async function addFilter(category: string) {
  const builder = renderBuilder();
  await builder.user.click(screen.getByRole('button', { name: 'Add filter' }));
  await builder.user.selectOptions(
    filter('1').getByRole('combobox', { name: 'Category' }),
    category,
  );
  return builder;
}

async function expectSingleCondition(latest: () => SegmentRules, expected: Condition) {
  expect(latest()).toStrictEqual(rootWith(expected));
  expect(engineIssues(latest())).toEqual([]);
}

describe('FilterBuilder: each condition kind produces the rules JSON of segments.md', () => {
  it('attribute, string: Email ends with', async () => {
    const { user, latest } = await addFilter('Attributes');
    const f = filter('1');
    await user.selectOptions(f.getByRole('combobox', { name: 'Attribute' }), 'Email');
    await user.selectOptions(f.getByRole('combobox', { name: 'Operator' }), 'ends with');
    await user.type(f.getByRole('combobox', { name: 'Value' }), '@acme.com');
    await expectSingleCondition(latest, {
      type: 'attribute',
      attribute: 'email',
      operator: 'endsWith',
      value: '@acme.com',
    });
  });

  it('attribute, number: Sessions greater than or equal to 5, offering number operators only', async () => {
    const { user, latest } = await addFilter('Attributes');
    const f = filter('1');
    await user.selectOptions(f.getByRole('combobox', { name: 'Attribute' }), 'Sessions');
    const operator = f.getByRole('combobox', { name: 'Operator' });
    expect(f.queryByRole('option', { name: 'starts with' })).toBeNull();
    await user.selectOptions(operator, 'greater than or equal to');
    const value = f.getByRole('textbox', { name: 'Value' });
    await user.clear(value);
    await user.type(value, '5');
    await expectSingleCondition(latest, {
      type: 'attribute',
      attribute: 'sessions',
      operator: 'greaterThanOrEqual',
      value: 5,
    });
  });

  it('attribute, date: Last activity within the last 30 days', async () => {
    const { user, latest } = await addFilter('Attributes');
    const f = filter('1');
    await user.selectOptions(f.getByRole('combobox', { name: 'Attribute' }), 'Last activity');
    await user.selectOptions(f.getByRole('combobox', { name: 'Operator' }), 'within the last');
    const amount = f.getByRole('textbox', { name: 'Amount' });
    await user.clear(amount);
    await user.type(amount, '30');
    await user.selectOptions(f.getByRole('combobox', { name: 'Unit' }), 'days');
    await expectSingleCondition(latest, {
      type: 'attribute',
      attribute: 'lastActivityAt',
      operator: 'withinLast',
      value: { amount: 30, unit: 'days' },
    });
  });

  it('attribute, date: Created before a date typed in the date picker', async () => {
    const { user, latest } = await addFilter('Attributes');
    const f = filter('1');
    await user.selectOptions(f.getByRole('combobox', { name: 'Attribute' }), 'Created');
    await user.selectOptions(f.getByRole('combobox', { name: 'Operator' }), 'before');
    const date = f.getByRole('textbox', { name: 'Value' });
    await user.clear(date);
    await user.type(date, '2026-06-01');
    await user.tab();
    await expectSingleCondition(latest, {
      type: 'attribute',
      attribute: 'createdAt',
      operator: 'before',
      value: '2026-06-01',
    });
  });

  it('attribute, list: Tags contains any of two values', async () => {
    const { user, latest } = await addFilter('Attributes');
    const f = filter('1');
    await user.selectOptions(f.getByRole('combobox', { name: 'Attribute' }), 'Tags');
    await user.selectOptions(f.getByRole('combobox', { name: 'Operator' }), 'contains any of');
    await user.type(f.getByRole('combobox', { name: 'Values' }), 'beta{Enter}vip{Enter}');
    await expectSingleCondition(latest, {
      type: 'attribute',
      attribute: 'tags',
      operator: 'containsAny',
      value: ['beta', 'vip'],
    });
  });

  it('custom attribute: grouped by source, HubSpot lifecyclestage is customer', async () => {
    const { user, latest } = await addFilter('Custom attributes');
    const f = filter('1');
    const attribute = f.getByRole('combobox', { name: 'Attribute' });
    const sources = f.getAllByRole('group').map((optgroup) => optgroup.getAttribute('label'));
    expect(sources).toEqual(['SDK', 'Segment.io Traits', 'HubSpot', 'Customer.io']);
    await user.selectOptions(attribute, 'lifecyclestage (string)');
    await user.selectOptions(f.getByRole('combobox', { name: 'Operator' }), 'is');
    await user.type(f.getByRole('combobox', { name: 'Value' }), 'customer');
    await expectSingleCondition(latest, {
      type: 'customAttribute',
      source: 'hubspot',
      key: 'lifecyclestage',
      operator: 'equals',
      value: 'customer',
    });
  });

  it('custom attribute, boolean: Segment.io trait isAdmin is true takes no value', async () => {
    const { user, latest } = await addFilter('Custom attributes');
    const f = filter('1');
    await user.selectOptions(f.getByRole('combobox', { name: 'Attribute' }), 'isAdmin (boolean)');
    expect(f.queryByRole('option', { name: 'contains' })).toBeNull();
    await user.selectOptions(f.getByRole('combobox', { name: 'Operator' }), 'is true');
    expect(f.queryByRole('combobox', { name: 'Value' })).toBeNull();
    await expectSingleCondition(latest, {
      type: 'customAttribute',
      source: 'segment',
      key: 'isAdmin',
      operator: 'isTrue',
    });
  });

  it('custom attribute, number: SDK seats between 2 and 10', async () => {
    const { user, latest } = await addFilter('Custom attributes');
    const f = filter('1');
    await user.selectOptions(f.getByRole('combobox', { name: 'Attribute' }), 'seats (number)');
    await user.selectOptions(f.getByRole('combobox', { name: 'Operator' }), 'between');
    const from = f.getByRole('textbox', { name: 'From' });
    await user.clear(from);
    await user.type(from, '2');
    const to = f.getByRole('textbox', { name: 'To' });
    await user.clear(to);
    await user.type(to, '10');
    await expectSingleCondition(latest, {
      type: 'customAttribute',
      source: 'sdk',
      key: 'seats',
      operator: 'between',
      value: [2, 10],
    });
  });

  it('experience: Onboarding tour has been completed', async () => {
    const { user, latest } = await addFilter('Experiences');
    const f = filter('1');
    await user.selectOptions(f.getByRole('combobox', { name: 'Experience' }), 'Onboarding tour');
    const interaction = f.getByRole('combobox', { name: 'Interaction' });
    const offered = Array.from((interaction as HTMLSelectElement).options).map((o) => o.text);
    expect(offered).toEqual([
      'Has been seen',
      'Has not been seen',
      'Has been completed',
      'Has not been completed',
      'Answered with',
    ]);
    await user.selectOptions(interaction, 'Has been completed');
    await expectSingleCondition(latest, {
      type: 'experience',
      experienceId: 'exp_onboarding_tour',
      operator: 'completed',
    });
  });

  it("experience: NPS survey answered with one of the question's options", async () => {
    const { user, latest } = await addFilter('Experiences');
    const f = filter('1');
    await user.selectOptions(f.getByRole('combobox', { name: 'Experience' }), 'NPS survey');
    await user.selectOptions(f.getByRole('combobox', { name: 'Interaction' }), 'Answered with');
    expect(latest()).toStrictEqual(
      rootWith({
        type: 'experience',
        experienceId: 'exp_nps_survey',
        operator: 'answered',
        stepId: 'q1',
      }),
    );
    await user.click(f.getByRole('combobox', { name: 'Answers' }));
    await user.click(f.getByRole('option', { name: 'Very useful' }));
    await expectSingleCondition(latest, {
      type: 'experience',
      experienceId: 'exp_nps_survey',
      operator: 'answered',
      stepId: 'q1',
      values: ['Very useful'],
    });
  });

  it('event: the example of segments.md, at least 3 times in the last 7 days with a property', async () => {
    const { user, latest } = await addFilter('Events');
    const f = filter('1');
    await user.selectOptions(f.getByRole('combobox', { name: 'Event' }), 'Invited teammate');
    await user.selectOptions(f.getByRole('combobox', { name: 'Occurrence' }), 'at least');
    const times = f.getByRole('textbox', { name: 'Times' });
    await user.clear(times);
    await user.type(times, '3');
    await user.selectOptions(f.getByRole('combobox', { name: 'Period' }), 'in the last');
    await user.click(f.getByRole('button', { name: 'Add property filter' }));
    const property = group('Property filter 1');
    await user.type(property.getByRole('textbox', { name: 'Property' }), 'role');
    await user.type(property.getByRole('combobox', { name: 'Value' }), 'admin');
    await expectSingleCondition(latest, {
      type: 'event',
      source: 'jimo',
      name: 'Invited teammate',
      occurrence: { operator: 'atLeast', count: 3 },
      period: { type: 'last', amount: 7, unit: 'days' },
      properties: [{ key: 'role', operator: 'equals', value: 'admin' }],
    });
  });

  it('event: a Segment.io event that did not occur between two dates', async () => {
    const { user, latest } = await addFilter('Events');
    const f = filter('1');
    const event = f.getByRole('combobox', { name: 'Event' });
    const sources = Array.from(event.querySelectorAll('optgroup')).map((g) => g.label);
    expect(sources).toEqual(['Events', 'Segment.io Events']);
    await user.selectOptions(event, 'Order Completed');
    await user.selectOptions(f.getByRole('combobox', { name: 'Occurrence' }), 'did not occur');
    await user.selectOptions(f.getByRole('combobox', { name: 'Period' }), 'between');
    for (const [label, date] of [
      ['From', '2026-01-01'],
      ['To', '2026-03-31'],
    ]) {
      const input = f.getByRole('textbox', { name: label });
      await user.clear(input);
      await user.type(input, date);
      await user.tab();
    }
    await expectSingleCondition(latest, {
      type: 'event',
      source: 'segment',
      name: 'Order Completed',
      occurrence: { operator: 'notOccurred' },
      period: { type: 'between', from: '2026-01-01', to: '2026-03-31' },
    });
  });

  it('segment: not in Trial users', async () => {
    const { user, latest } = await addFilter('Segments');
    const f = filter('1');
    await user.selectOptions(f.getByRole('combobox', { name: 'Membership' }), 'not in');
    await user.selectOptions(f.getByRole('combobox', { name: 'Segment' }), 'Trial users');
    await expectSingleCondition(latest, {
      type: 'segment',
      segmentId: 'seg_trial_users',
      operator: 'notIn',
    });
  });
});
