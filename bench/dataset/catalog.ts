import type { CatalogEntry } from '../../libs/shared/segment-engine/src/index';

/**
 * The custom attributes of the generated workspace: 34 keys over the four
 * sources and all five types, with how a value is drawn for each.
 */
export type Draw = 'plan' | 'count' | 'bool' | 'date' | 'list' | 'industry' | 'stage' | 'country';

export const CUSTOM_ATTRIBUTES: Array<CatalogEntry & { draw: Draw; presence: number }> = [
  { source: 'sdk', key: 'plan', type: 'string', draw: 'plan', presence: 0.95 },
  { source: 'sdk', key: 'seats', type: 'number', draw: 'count', presence: 0.8 },
  { source: 'sdk', key: 'trial', type: 'boolean', draw: 'bool', presence: 0.9 },
  { source: 'sdk', key: 'signupDate', type: 'date', draw: 'date', presence: 0.9 },
  { source: 'sdk', key: 'roles', type: 'list', draw: 'list', presence: 0.7 },
  { source: 'sdk', key: 'company.size', type: 'number', draw: 'count', presence: 0.6 },
  { source: 'sdk', key: 'company.industry', type: 'string', draw: 'industry', presence: 0.6 },
  { source: 'sdk', key: 'company.country', type: 'string', draw: 'country', presence: 0.6 },
  { source: 'sdk', key: 'onboarded', type: 'boolean', draw: 'bool', presence: 0.5 },
  { source: 'sdk', key: 'projects', type: 'number', draw: 'count', presence: 0.7 },
  { source: 'segment', key: 'plan', type: 'string', draw: 'plan', presence: 0.5 },
  { source: 'segment', key: 'mrr', type: 'number', draw: 'count', presence: 0.4 },
  { source: 'segment', key: 'beta', type: 'boolean', draw: 'bool', presence: 0.3 },
  { source: 'segment', key: 'lastLogin', type: 'date', draw: 'date', presence: 0.5 },
  { source: 'segment', key: 'features', type: 'list', draw: 'list', presence: 0.4 },
  { source: 'segment', key: 'country', type: 'string', draw: 'country', presence: 0.5 },
  { source: 'segment', key: 'logins', type: 'number', draw: 'count', presence: 0.5 },
  { source: 'segment', key: 'company.name', type: 'string', draw: 'industry', presence: 0.4 },
  { source: 'hubspot', key: 'lifecyclestage', type: 'string', draw: 'stage', presence: 0.6 },
  { source: 'hubspot', key: 'num_employees', type: 'number', draw: 'count', presence: 0.5 },
  { source: 'hubspot', key: 'hs_lead_status', type: 'string', draw: 'stage', presence: 0.4 },
  { source: 'hubspot', key: 'closedate', type: 'date', draw: 'date', presence: 0.3 },
  { source: 'hubspot', key: 'is_customer', type: 'boolean', draw: 'bool', presence: 0.6 },
  { source: 'hubspot', key: 'interests', type: 'list', draw: 'list', presence: 0.3 },
  { source: 'hubspot', key: 'annualrevenue', type: 'number', draw: 'count', presence: 0.4 },
  { source: 'hubspot', key: 'industry', type: 'string', draw: 'industry', presence: 0.5 },
  { source: 'customerio', key: 'plan', type: 'string', draw: 'plan', presence: 0.5 },
  { source: 'customerio', key: 'emails_opened', type: 'number', draw: 'count', presence: 0.5 },
  { source: 'customerio', key: 'unsubscribed', type: 'boolean', draw: 'bool', presence: 0.5 },
  { source: 'customerio', key: 'created_at', type: 'date', draw: 'date', presence: 0.6 },
  { source: 'customerio', key: 'topics', type: 'list', draw: 'list', presence: 0.3 },
  { source: 'customerio', key: 'language', type: 'string', draw: 'country', presence: 0.5 },
  { source: 'customerio', key: 'score', type: 'number', draw: 'count', presence: 0.4 },
  { source: 'customerio', key: 'vip', type: 'boolean', draw: 'bool', presence: 0.2 },
];

export const PLANS = ['free', 'starter', 'pro', 'team', 'enterprise'];
export const INDUSTRIES = [
  'saas',
  'fintech',
  'retail',
  'health',
  'media',
  'education',
  'logistics',
];
export const STAGES = ['subscriber', 'lead', 'marketingqualifiedlead', 'opportunity', 'customer'];
export const COUNTRIES = ['us', 'fr', 'de', 'gb', 'es', 'br', 'in', 'jp'];
export const LIST_VALUES = ['reports', 'api', 'sso', 'exports', 'mobile', 'ai', 'billing', 'admin'];
export const TAGS = ['vip', 'beta', 'churn-risk', 'admin', 'trial', 'partner', 'internal', 'edu'];
export const ROLES = ['admin', 'member', 'viewer', 'owner'];
export const EVENT_NAMES = Array.from({ length: 40 }, (_, i) =>
  [
    'Page viewed',
    'Report created',
    'Invited teammate',
    'Exported data',
    'Dashboard opened',
    'Integration connected',
    'Comment added',
    'File uploaded',
  ][i % 8].concat(i < 8 ? '' : ` ${Math.floor(i / 8)}`),
);
