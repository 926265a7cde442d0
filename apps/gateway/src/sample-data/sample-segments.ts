import type { SAMPLE_EXPERIENCES } from './sample-dataset';

/**
 * The sample's segments, one or more per kind of condition (segments.md): created through the
 * segments service's own create, as `POST /v1/segments` does. The first ones need nothing but
 * the data; the last ones name the sample's experiences.
 */
export function sampleSegmentsFirst() {
  return {
    active: {
      name: 'Active this week',
      description: 'Used the product in the last 7 days',
      rules: {
        type: 'group',
        operator: 'and',
        conditions: [
          {
            type: 'attribute',
            attribute: 'lastActivityAt',
            operator: 'withinLast',
            value: { amount: 7, unit: 'days' },
          },
        ],
      },
    },
    paying: {
      name: 'Paying customers',
      description: 'A customer in HubSpot, or on a paid plan (SDK trait)',
      rules: {
        type: 'group',
        operator: 'or',
        conditions: [
          {
            type: 'customAttribute',
            source: 'hubspot',
            key: 'lifecyclestage',
            operator: 'equals',
            value: 'customer',
          },
          {
            type: 'customAttribute',
            source: 'sdk',
            key: 'plan',
            operator: 'in',
            value: ['pro', 'enterprise'],
          },
        ],
      },
    },
    power: {
      name: 'Power users',
      description: 'Exported 3+ reports in 30 days, at companies over 50 people (Segment.io trait)',
      rules: {
        type: 'group',
        operator: 'and',
        conditions: [
          {
            type: 'event',
            source: 'jimo',
            name: 'Report Exported',
            occurrence: { operator: 'atLeast', count: 3 },
            period: { type: 'last', amount: 30, unit: 'days' },
          },
          {
            type: 'customAttribute',
            source: 'segment',
            key: 'company_size',
            operator: 'greaterThan',
            value: 50,
          },
        ],
      },
    },
    newsletter: {
      name: 'Newsletter readers',
      description: 'Opted in (Customer.io) and opened an email (Segment.io event)',
      rules: {
        type: 'group',
        operator: 'and',
        conditions: [
          {
            type: 'customAttribute',
            source: 'customerio',
            key: 'newsletter_opt_in',
            operator: 'isTrue',
          },
          {
            type: 'group',
            operator: 'or',
            conditions: [
              { type: 'event', source: 'segment', name: 'Email Opened' },
              {
                type: 'customAttribute',
                source: 'customerio',
                key: 'emails_opened_30d',
                operator: 'greaterThanOrEqual',
                value: 5,
              },
            ],
          },
        ],
      },
    },
  };
}

export function sampleSegmentsAfterInteractions(
  experienceIds: Record<keyof typeof SAMPLE_EXPERIENCES, string>,
) {
  return [
    {
      name: 'Finished the welcome tour',
      description: 'Completed every step of the Welcome tour',
      rules: {
        type: 'group',
        operator: 'and',
        conditions: [
          { type: 'experience', experienceId: experienceIds.tour, operator: 'completed' },
        ],
      },
    },
    {
      name: 'Find reports very useful',
      description: 'Answered "Very useful" in the reports survey',
      rules: {
        type: 'group',
        operator: 'and',
        conditions: [
          {
            type: 'experience',
            experienceId: experienceIds.survey,
            operator: 'answered',
            stepId: 'usefulness',
            values: ['Very useful'],
          },
        ],
      },
    },
  ];
}
