import type { FilterCatalog } from './filter-builder/filter-catalog';

/**
 * The tests' catalog: what `GET /v1/attributes`, `/v1/events`, `/v1/experiences` and
 * `/v1/segments` answer for a small demo workspace, in the API's shapes. Only tests import it
 * (the app asks the API: hooks/use-filter-catalog.ts), so it is not bundled.
 */
export const SAMPLE_CATALOG: FilterCatalog = {
  attributes: [
    {
      category: 'attribute',
      source: null,
      key: 'name',
      type: 'string',
      sampleValues: ['Ada Lovelace', 'Grace Hopper'],
      rejectedCount: 0,
    },
    {
      category: 'attribute',
      source: null,
      key: 'email',
      type: 'string',
      sampleValues: ['ada@acme.com'],
      rejectedCount: 0,
    },
    {
      category: 'attribute',
      source: null,
      key: 'lastActivityAt',
      type: 'date',
      sampleValues: [],
      rejectedCount: 0,
    },
    {
      category: 'attribute',
      source: null,
      key: 'createdAt',
      type: 'date',
      sampleValues: [],
      rejectedCount: 0,
    },
    {
      category: 'attribute',
      source: null,
      key: 'sessions',
      type: 'number',
      sampleValues: [3, 12],
      rejectedCount: 0,
    },
    {
      category: 'attribute',
      source: null,
      key: 'tags',
      type: 'list',
      sampleValues: [['beta', 'vip']],
      rejectedCount: 0,
    },
    {
      category: 'customAttribute',
      source: 'sdk',
      key: 'plan',
      type: 'string',
      sampleValues: ['free', 'pro', 'enterprise'],
      rejectedCount: 0,
    },
    {
      category: 'customAttribute',
      source: 'sdk',
      key: 'seats',
      type: 'number',
      sampleValues: [1, 5, 40],
      rejectedCount: 0,
    },
    {
      category: 'customAttribute',
      source: 'sdk',
      key: 'trialEndsAt',
      type: 'date',
      sampleValues: ['2026-12-24T00:00:00.000Z'],
      rejectedCount: 0,
    },
    {
      category: 'customAttribute',
      source: 'segment',
      key: 'company.industry',
      type: 'string',
      sampleValues: ['SaaS', 'Retail'],
      rejectedCount: 0,
    },
    {
      category: 'customAttribute',
      source: 'segment',
      key: 'isAdmin',
      type: 'boolean',
      sampleValues: [true],
      rejectedCount: 0,
    },
    {
      category: 'customAttribute',
      source: 'hubspot',
      key: 'lifecyclestage',
      type: 'string',
      sampleValues: ['lead', 'customer'],
      rejectedCount: 0,
    },
    {
      category: 'customAttribute',
      source: 'hubspot',
      key: 'num_employees',
      type: 'number',
      sampleValues: [12, 250],
      rejectedCount: 0,
    },
    {
      category: 'customAttribute',
      source: 'customerio',
      key: 'interests',
      type: 'list',
      sampleValues: [['analytics', 'onboarding']],
      rejectedCount: 0,
    },
    {
      category: 'customAttribute',
      source: 'customerio',
      key: 'unsubscribed',
      type: 'boolean',
      sampleValues: [false],
      rejectedCount: 0,
    },
  ],
  events: [
    {
      source: 'jimo',
      name: 'Invited teammate',
      count: 412,
      lastSeenAt: '2026-11-30T16:20:00.000Z',
    },
    {
      source: 'jimo',
      name: 'Created project',
      count: 1280,
      lastSeenAt: '2026-11-30T17:02:00.000Z',
    },
    {
      source: 'segment',
      name: 'Order Completed',
      count: 96,
      lastSeenAt: '2026-11-29T09:41:00.000Z',
    },
    { source: 'segment', name: 'Signed Up', count: 530, lastSeenAt: '2026-11-30T11:15:00.000Z' },
  ],
  experiences: [
    {
      id: 'exp_onboarding_tour',
      name: 'Onboarding tour',
      steps: [
        { id: 'welcome', kind: 'message' },
        { id: 'done', kind: 'message' },
      ],
    },
    {
      id: 'exp_nps_survey',
      name: 'NPS survey',
      steps: [
        {
          id: 'q1',
          kind: 'question',
          question: 'How useful is the product?',
          options: ['Very useful', 'Somewhat useful', 'Not useful'],
        },
      ],
    },
  ],
  segments: [
    { id: 'seg_active_admins', name: 'Active admins' },
    { id: 'seg_trial_users', name: 'Trial users' },
  ],
};
