import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../app/format';
import { describeCondition, membershipForecast } from './describe-condition';

describe('describeCondition', () => {
  it('says every kind of condition of segments.md in the builder’s words', () => {
    expect(
      describeCondition({
        type: 'attribute',
        attribute: 'sessions',
        operator: 'greaterThanOrEqual',
        value: 5,
      }),
    ).toBe('Sessions greater than or equal to 5');
    expect(
      describeCondition({
        type: 'attribute',
        attribute: 'lastActivityAt',
        operator: 'withinLast',
        value: { amount: 7, unit: 'days' },
      }),
    ).toBe('Last activity within the last 7 days');
    expect(
      describeCondition({
        type: 'customAttribute',
        source: 'hubspot',
        key: 'lifecyclestage',
        operator: 'in',
        value: ['customer', 'lead'],
      }),
    ).toBe("HubSpot lifecyclestage is one of 'customer', 'lead'");
    expect(
      describeCondition({
        type: 'customAttribute',
        source: 'sdk',
        key: 'beta',
        operator: 'isTrue',
      }),
    ).toBe('SDK beta is true');
    expect(
      describeCondition({
        type: 'attribute',
        attribute: 'sessions',
        operator: 'between',
        value: [2, 9],
      }),
    ).toBe("Sessions between '2' and '9'");
    expect(
      describeCondition(
        {
          type: 'experience',
          experienceId: 'exp_1',
          operator: 'answered',
          stepId: 'q1',
          values: ['Very useful'],
        },
        { experiences: { exp_1: 'Onboarding survey' } },
      ),
    ).toBe("'Onboarding survey' answered with at step 'q1': 'Very useful'");
    expect(
      describeCondition({
        type: 'event',
        source: 'jimo',
        name: 'Invited teammate',
        occurrence: { operator: 'atLeast', count: 3 },
        period: { type: 'last', amount: 7, unit: 'days' },
        properties: [{ key: 'role', operator: 'equals', value: 'admin' }],
      }),
    ).toBe("'Invited teammate' happened at least 3 times in the last 7 days with role is 'admin'");
    expect(
      describeCondition({
        type: 'event',
        source: 'segment',
        name: 'Order Completed',
        occurrence: { operator: 'notOccurred' },
      }),
    ).toBe("Segment.io Events 'Order Completed' never happened");
    expect(
      describeCondition(
        { type: 'segment', segmentId: 'seg_a', operator: 'notIn' },
        { segments: { seg_a: 'Churned' } },
      ),
    ).toBe("Not in segment 'Churned'");
    expect(describeCondition({ type: 'segment', segmentId: 'seg_b', operator: 'in' })).toBe(
      "In segment 'seg_b'",
    );
  });

  it('shows dates as people read them', () => {
    const at = '2026-12-08T14:05:00.000Z';
    expect(
      describeCondition({
        type: 'attribute',
        attribute: 'createdAt',
        operator: 'after',
        value: at,
      }),
    ).toBe(`Created after ${formatDateTime(at)}`);
  });
});

describe('membershipForecast', () => {
  const window = {
    type: 'event',
    source: 'jimo',
    name: 'Invited teammate',
    period: { type: 'last', amount: 7, unit: 'days' },
  };
  const at = '2026-12-08T14:05:00.000Z';
  const explanation = (changesAt: string | null, result: boolean) => ({
    type: 'group',
    operator: 'and',
    result,
    conditions: [
      {
        type: 'attribute',
        condition: { type: 'attribute', attribute: 'sessions', operator: 'isSet' },
        result: true,
        actual: 3,
      },
      { type: 'event', condition: window, result, count: result ? 1 : 0, window: {}, changesAt },
    ],
  });

  it('names the condition whose window expires and when', () => {
    expect(membershipForecast(true, at, explanation(at, true))).toBe(
      `Leaves on ${formatDateTime(at)}, when “'Invited teammate' happened in the last 7 days” stops holding (with no new data).`,
    );
    expect(membershipForecast(false, at, explanation(at, false))).toBe(
      `Joins on ${formatDateTime(at)}, when “'Invited teammate' happened in the last 7 days” starts holding (with no new data).`,
    );
  });

  it('says nothing when time alone changes nothing', () => {
    expect(membershipForecast(true, null, explanation(null, true))).toBeNull();
  });
});
